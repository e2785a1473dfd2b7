import { describe, expect, it } from 'vitest';
import { COMPLETIONS_HEADER, parseCompletionsCsv } from '../../../src/main/credits/completions-csv';

const L = '0982ec0b-4efc-4585-b88e-bb2254f6583f';
const I = 'e89823b7-7251-416c-9b41-5eee6e7ad6ef';
const C1 = '16e82ff6-49ab-4805-b2cf-b2b4195267c4';
const C2 = '26e82ff6-49ab-4805-b2cf-b2b4195267c4';

describe('completion CSV', () => {
  it('reads the marketplace export with CRLF line ends', () => {
    const text = `${COMPLETIONS_HEADER}\r\n${C1},${L},${I},2,2026-07-02T21:00:00Z\r\n`;
    const { rows, errors } = parseCompletionsCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        completionId: C1,
        learnerId: L,
        instructorId: I,
        hours: 2,
        completedAt: Date.parse('2026-07-02T21:00:00Z'),
      },
    ]);
  });

  it('names every bad row by its line number', () => {
    const text = [
      COMPLETIONS_HEADER,
      `${C1},${L},${I},1,2026-07-02T21:00:00Z`,
      `not-a-uuid,${L},${I},1,2026-07-02T21:00:00Z`,
      `${C2},${L},${I},0,2026-07-02T21:00:00Z`,
      `${C2},${L},${I},1,2026-02-30T21:00:00Z`,
      `${C1},${L},${I},1,2026-07-02T21:00:00Z`,
      `${C2},${L},${I}`,
    ].join('\n');
    const { errors } = parseCompletionsCsv(text);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(errors[0]!.message).toMatch(/completion_id is not a UUID/);
    expect(errors[1]!.message).toMatch(/hours/);
    expect(errors[2]!.message).toMatch(/completed_at/);
    expect(errors[3]!.message).toMatch(/repeats line 2/);
    expect(errors[4]!.message).toMatch(/expected 5 fields/);
  });

  it('refuses a file without the header', () => {
    expect(parseCompletionsCsv(`${C1},${L},${I},1,2026-07-02T21:00:00Z`).errors).toEqual([
      { line: 1, message: expect.stringMatching(/header/) },
    ]);
  });
});
