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

const junk = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.boolean(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.constant('__proto__'),
);

/** Objects whose fields are the method's own field names (and some strangers) with junk values. */
function malformedInputFor(method: (typeof METHOD_NAMES)[number]) {
  const shape = (
    contract[method].input as unknown as { def?: { innerType?: { shape?: object }; shape?: object } }
  ).def;
  const keys = Object.keys(shape?.shape ?? shape?.innerType?.shape ?? {});
  const fields = [...keys, 'unexpectedField'];
  return fc.oneof(
    junk,
    fc.dictionary(fc.constantFrom(...fields), junk, { minKeys: 1, maxKeys: fields.length }),
  );
}

describe('contract input validation', () => {
  it('answers malformed input to every method with a validation error naming the field, and changes nothing', async () => {
    for (const method of METHOD_NAMES) {
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
          expect(result.error.message).toMatch(/^[\w.]+: /);
          expect(databaseChecksum(t.core)).toBe(before);
          return true;
        }),
        { numRuns: 40, seed: 20261125 },
      );
    }
  });

  it('refuses an unknown method by name', async () => {
    expect(await t.core.dispatcher.call('support', 'payments.steal', {})).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'There is no method called "payments.steal".' },
    });
  });
});
