// The batch id index spells ids so that FTS5, which folds capitals and splits words, keeps every id one word and its
// prefixes exact: a search's spelling begins an id's spelling exactly when the search begins the id.
import { describe, expect, it } from 'vitest';
import { spellId } from '../../src/shared/batch-id-words';

const ALPHABET = ['a', 'Z', 'z', 'A', '0', '9', '_', '-', '~', ':', ' ', 'é', 'É', '€', '😀'];

/** A seeded generator, so a failure names the strings it met. */
function* strings(seed: number, count: number): Generator<string> {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i += 1) {
    const length = next() % 6;
    yield Array.from({ length }, () => ALPHABET[next() % ALPHABET.length]).join('');
  }
}

describe('spellId', () => {
  it('writes only what FTS5 keeps in one word as it is: lower-case letters, digits, _, - and ~', () => {
    for (const s of strings(7, 2_000)) expect(spellId(s), s).toMatch(/^[a-z0-9_~-]*$/);
    expect(spellId('pi_3NxZ')).toBe('pi_3~nx~z');
  });

  it('keeps prefixes exact: one spelling begins another exactly when the id begins the other', () => {
    const all = [...strings(11, 400)];
    for (const a of all)
      for (const b of all) expect(spellId(b).startsWith(spellId(a)), `${a} | ${b}`).toBe(b.startsWith(a));
  });
});
