import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../src/shared/contract';
import type { Role } from '../../src/shared/contract/define';
import { databaseChecksum, openTestCore, withOperators, type TestCore } from '../fixtures/core';

let t: TestCore;
beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
});
afterAll(() => t.close());

/** A connection whose role may call the method (public methods: a stranger). */
function connectionFor(method: (typeof METHOD_NAMES)[number]): string {
  const access = contract[method].access;
  if (access === 'public') return 'stranger';
  if (access === 'signedIn') return 'support';
  return (['admin', 'manager', 'finance', 'support'] as Role[]).find((r) => access.includes(r))!;
}

/** Dates shaped right that name no day: month 13 or 0, day 0, 31 April, 29 February of a common year, 31 February. */
const impossibleDate = fc.oneof(
  fc.constantFrom('2099-02-31', '2026-13-01', '2026-00-10', '2026-04-31', '2025-02-29', '2026-01-00'),
  fc
    .record({
      y: fc.integer({ min: 1900, max: 2200 }),
      m: fc.integer({ min: 13, max: 99 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${m}-${String(d).padStart(2, '0')}`),
  fc
    .record({
      y: fc.integer({ min: 1900, max: 2200 }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 32, max: 99 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${d}`),
);

const junk = fc.oneof(
  fc.constant(null),
  impossibleDate,
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.constant('__proto__'),
);

/** The top-level field names of a method's input. */
function fieldsOf(method: (typeof METHOD_NAMES)[number]): string[] {
  const shape = (
    contract[method].input as unknown as { def?: { innerType?: { shape?: object }; shape?: object } }
  ).def;
  return Object.keys(shape?.shape ?? shape?.innerType?.shape ?? {});
}

/** Objects whose fields are the method's own field names (and some strangers) with junk values. */
function malformedInputFor(method: (typeof METHOD_NAMES)[number]) {
  const keys = fieldsOf(method);
  const fields = [...keys, 'unexpectedField'];
  return fc.oneof(
    junk,
    fc.dictionary(fc.constantFrom(...fields), junk, { minKeys: 1, maxKeys: fields.length }),
  );
}

describe('contract input validation', () => {
  // One test per method, each with the project's time limit: all of them in one took up to 158 s at a load of 10.
  it.each(METHOD_NAMES)(
    'answers malformed input to %s with a validation error naming the field, and changes nothing',
    async (method) => {
      const connection = connectionFor(method);
      await fc.assert(
        fc.asyncProperty(malformedInputFor(method), async (input) => {
          fc.pre(!contract[method].input.safeParse(input).success); // only malformed input is the subject here
          const before = databaseChecksum(t.core);
          const result = await t.core.dispatcher.call(connection, method, input);
          expect(result.ok, `${method} accepted ${JSON.stringify(input)}`).toBe(false);
          if (result.ok) return false;
          expect(result.error.code, `${method} ${JSON.stringify(input)}`).toBe('validation');
          const issues = (result.error.details as { issues: { path: unknown[] }[] }).issues;
          expect(issues.length).toBeGreaterThan(0);
          // One sentence for a person (test/unit/contract-messages.test.ts checks the wording of every message).
          expect(result.error.message).toMatch(/^[A-Z“"].*[.…)]$/);
          expect(databaseChecksum(t.core)).toBe(before);
          return true;
        }),
        { numRuns: 40, seed: 20261125 },
      );
    },
  );

  it('refuses, in every method, a date field given a day that does not exist — and says so of that field', async () => {
    const issuesAt = (method: (typeof METHOD_NAMES)[number], key: string, value: string) => {
      const parsed = contract[method].input.safeParse({ [key]: value });
      return parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === key);
    };
    const dateFields = METHOD_NAMES.flatMap((method) =>
      fieldsOf(method)
        // A date field takes a real date and refuses text of the same shape that is no date at all.
        .filter(
          (key) =>
            issuesAt(method, key, '2026-01-15').length === 0 &&
            issuesAt(method, key, 'abcd-ef-gh').length > 0,
        )
        .map((key) => ({ method, key })),
    );
    expect(dateFields.map((f) => `${f.method}.${f.key}`)).toEqual(
      expect.arrayContaining(['settings.schedule.effectiveFrom', 'audit.list.from', 'payments.list.to']),
    );
    fc.assert(
      fc.property(fc.constantFrom(...dateFields), impossibleDate, ({ method, key }, date) => {
        expect(issuesAt(method, key, date), `${method}.${key} = ${date}`).not.toEqual([]);
      }),
      { numRuns: 200, seed: 20261125 },
    );
    for (const [method, input] of [
      ['settings.schedule', { key: 'platform_fee_bps', value: 1900, effectiveFrom: '2099-02-31' }],
      ['audit.list', { from: '2026-13-01' }],
    ] as const) {
      const before = databaseChecksum(t.core);
      const result = await t.core.dispatcher.call(connectionFor(method), method, input);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'validation', message: expect.stringMatching(/is not a day that exists/) },
      });
      expect(databaseChecksum(t.core)).toBe(before);
    }
  });

  it('refuses an unknown method by name', async () => {
    expect(await t.core.dispatcher.call('support', 'payments.steal', {})).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no method called "payments.steal".' },
    });
  });
});
