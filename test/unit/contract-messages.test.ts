// Every contract method answers bad input in sentences for people: each field of each method (and of each branch of a
// union) is fed wrong types, empty, too long, too large, negative and fractional values, and every message that comes
// back is checked for zod's own wording and for naming its field by a label a person would use.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, describeIssues, FIELD_LABELS, METHOD_NAMES } from '../../src/shared/contract';

const ZOD_ISMS =
  /expected|received|invalid input|too big|too small|nonempty|must be a uuid|\bNaN\b|undefined/i;

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  12345,
  -5,
  1.5,
  1e15,
  '',
  'x',
  ' ',
  'x'.repeat(6_000),
  'not-a-uuid',
  '2026-02-31',
  true,
  {},
  [],
];

interface Def {
  type?: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object shapes a schema accepts (one per union branch), each with the literal fields that pick its branch. */
function shapesOf(
  schema: z.ZodType,
  fixed: Record<string, unknown> = {},
): { shape: Record<string, z.ZodType>; fixed: Record<string, unknown> }[] {
  const def = defOf(schema);
  if (def.shape) return [{ shape: def.shape, fixed }];
  if (def.options) {
    return def.options.flatMap((option) => {
      const key = def.discriminator;
      const literal = key ? defOf(defOf(option).shape?.[key] ?? option).values?.[0] : undefined;
      return shapesOf(option, key && literal !== undefined ? { ...fixed, [key]: literal } : fixed);
    });
  }
  const inner = def.innerType ?? def.in;
  return inner ? shapesOf(inner, fixed) : [];
}

/** Every message a method's schema gives for bad input, with the path it names. */
function messagesFor(schema: z.ZodType): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const collect = (input: unknown) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return;
    for (const issue of parsed.error.issues) out.push({ path: issue.path.join('.'), message: issue.message });
    out.push({ path: '(top)', message: describeIssues(parsed.error.issues).message });
  };
  collect(42);
  collect('text');
  collect({ notAField: 1 });
  for (const { shape, fixed } of shapesOf(schema)) {
    collect(fixed);
    for (const [key, field] of Object.entries(shape)) {
      for (const bad of BAD_VALUES) collect({ ...fixed, [key]: bad });
      for (const { shape: inner } of shapesOf(field)) {
        for (const innerKey of Object.keys(inner))
          for (const bad of BAD_VALUES) collect({ ...fixed, [key]: { [innerKey]: bad } });
      }
    }
  }
  return out;
}

describe('contract validation messages', () => {
  const all = METHOD_NAMES.map((method) => ({ method, messages: messagesFor(contract[method].input) }));

  it('feeds bad input to every method and gets messages back from each one that takes input', () => {
    const silent = all.filter((m) => m.messages.length === 0).map((m) => m.method);
    expect(silent).toEqual([]);
    expect(all.reduce((n, m) => n + m.messages.length, 0)).toBeGreaterThan(5_000);
  });

  it('never uses zod’s wording, and writes sentences that start with a capital and end with a stop', () => {
    const bad = all.flatMap(({ method, messages }) =>
      messages
        .filter(
          ({ message }) => ZOD_ISMS.test(message) || !/^[A-Z“"]/.test(message) || !/[.…)]$/.test(message),
        )
        .map(({ path, message }) => `${method} ${path}: ${message}`),
    );
    expect([...new Set(bad)]).toEqual([]);
  });

  it('has a label for every field of every method', () => {
    const keys = new Set<string>();
    for (const method of METHOD_NAMES)
      for (const { shape } of shapesOf(contract[method].input))
        for (const [key, field] of Object.entries(shape)) {
          keys.add(key);
          for (const { shape: inner } of shapesOf(field)) for (const k of Object.keys(inner)) keys.add(k);
        }
    expect([...keys].filter((k) => !(k in FIELD_LABELS))).toEqual([]);
  });

  it('says what is wrong in the words the issue asks for', () => {
    const say = (method: (typeof METHOD_NAMES)[number], input: unknown) => {
      const parsed = contract[method].input.safeParse(input);
      return parsed.success
        ? {}
        : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
    };
    const paymentId = '5f0c6d1e-8a4b-4c2d-9e3f-1a2b3c4d5e6f';
    expect(
      say('refunds.request', { paymentId, hours: 2, reason: 'duplicate', note: 'x'.repeat(501) }),
    ).toEqual({
      note: 'Keep the note under 500 characters.',
    });
    expect(say('refunds.request', { paymentId: 'nope', hours: 2.5, reason: 'duplicate', note: ' ' })).toEqual(
      {
        paymentId: 'That payment is not one the console knows: choose it again from the list.',
        hours: 'Enter the hours as a whole number.',
        note: 'A note is required: say why the learner gets money back.',
      },
    );
    expect(say('payouts.preview', { date: '2026-12-03' })).toEqual({ date: 'Choose a Friday.' });
    expect(say('completions.reverse', { completionId: paymentId, reason: 'no' })).toEqual({
      reason: 'Say why, in a few words (at least 3 characters).',
    });
    expect(say('audit.list', { q: 'x'.repeat(201) })).toEqual({ q: 'Search can be at most 200 characters.' });
    expect(say('audit.list', { pageSize: 0 })).toEqual({ pageSize: 'Page size must be at least 1.' });
  });
});
