// `lplate completions import FILE` and `lplate credits list` on a real workspace: preview, all-or-nothing import,
// the same file again, and a bad file refused line by line with exit code 1.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/host/cli';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { PASSWORD, type TestCore } from '../../fixtures/core';
import { openScenarioCore } from '../../fixtures/scenario-inputs';

let sim: RunningSimulator;
let t: TestCore;
const files = mkdtempSync(join(tmpdir(), 'lplate-csv-'));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: { LPLATE_PASSWORD: PASSWORD },
    askPassword: () => Promise.reject(new Error('no prompt in tests')),
  };
  return { io: value, out, err };
}

const lplate = async (...args: string[]) => {
  const run = io();
  const code = await runCli(['--workspace', t.dir, '--operator', 'support', ...args], run.io);
  return { code, out: run.out.join('\n'), err: run.err.join('\n') };
};

beforeAll(async () => {
  ({ sim, t } = await openScenarioCore(9, { instructors: 2, learners: 10, weeks: 4, paymentsPerWeek: 10 }));
  t.core.close();
  writeFileSync(join(files, 'completions.csv'), sim.scenario!.completionsCsv());
});

afterAll(async () => {
  rmSync(t.dir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
  await sim.close();
});

describe('lplate completions / credits', () => {
  it('previews, imports every row, then changes nothing when run again', async () => {
    const rows = sim.scenario!.counts.completions;
    const dry = await lplate('completions', 'import', join(files, 'completions.csv'), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.err).toContain(`completions.csv: ${rows} rows — ${rows} new`);
    expect(dry.out).toMatch(/Dry run: .* Nothing was written/);

    const first = await lplate('completions', 'import', join(files, 'completions.csv'));
    expect(first).toMatchObject({
      code: 0,
      out: expect.stringMatching(`Imported ${rows.toLocaleString('en-GB')} completions`),
    });
    const again = await lplate('completions', 'import', join(files, 'completions.csv'));
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/This file was imported on .* by Support Person/);
    expect(again.out).toMatch(/nothing changed/);

    const list = await lplate('credits', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^LEARNER\s+INSTRUCTOR\s+PURCHASED\s+USED\s+REFUNDED\s+REMAINING\s+LIABILITY/);
    expect(list.out).toMatch(/\d+ pairs: \d+ h remaining of \d+ h purchased, liability £[\d,]+\.\d\d\./);
    const imports = await lplate('completions', 'list');
    expect(imports.out.split('\n')).toHaveLength(2);
  });

  it('refuses a bad file line by line with exit code 1 and imports nothing', async () => {
    const bad = join(files, 'bad.csv');
    writeFileSync(
      bad,
      'completion_id,learner_id,instructor_id,hours,completed_at\r\n' +
        '7c4a09c4-d0c5-4c58-ac68-000000000001,00000000-0000-4000-8000-000000000000,00000000-0000-4000-8000-000000000001,1,2026-09-01T10:00:00Z\r\n',
    );
    const run = await lplate('completions', 'import', bad);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/line 2: learner .* is not known to the console/);
    expect(run.out).toMatch(/Nothing was imported/);
    const missing = await lplate('completions', 'import', join(files, 'missing.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Cannot read/);
  });
});
