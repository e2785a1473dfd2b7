// How a sync batch entry's ids are spelled into the FTS5 batch id index and looked up there: FTS5 folds capitals and
// ids are case-sensitive, so each id becomes one word of characters FTS5 keeps as they are, with prefixes kept exact.
import { valueIds } from './ids';

const spellChar = (c: string) => {
  if (/[a-z0-9_-]/.test(c)) return c;
  if (/[A-Z]/.test(c)) return `~${c.toLowerCase()}`;
  return `~~${c.codePointAt(0)!.toString(16).padStart(6, '0')}`;
};

/**
 * An id as the index holds it (`pi_3Nx` → `pi_3~nx`): lower-case letters, digits, `_` and `-` as they are, a capital
 * as `~` and its lower case, any other character as `~~` and six hex digits. No spelling begins another unless the
 * id begins the other, so the words that begin a search's spelling are exactly the ids that begin the search.
 */
export const spellId = (id: string) => Array.from(id, spellChar).join('');

/**
 * The ids of one batch entry: the id-shaped words of its values (inputs' ids and objects), the entity ids of its
 * changes, whatever their shape, and the id-shaped words of its changes' roots (`pi_…` of `payment:pi_…`).
 */
export function batchIds(
  newValues: string | null,
  changes: readonly { entity_id: string; root: string }[],
): string[] {
  return [
    ...new Set([
      ...valueIds(newValues),
      ...changes.map((c) => c.entity_id),
      ...valueIds(...new Set(changes.map((c) => c.root))),
    ]),
  ];
}

/** The document of a batch entry's ids: their spellings, one word each. */
export const batchIdsDocument = (ids: readonly string[]) => ids.map(spellId).join(' ');

/** The FTS5 query for the batches naming `id`, or (with `prefix`) an id that begins with it. */
export const batchIdsQuery = (id: string, prefix: boolean) => `"${spellId(id)}"${prefix ? ' *' : ''}`;
