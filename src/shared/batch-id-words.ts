// How a sync batch entry's ids are written into the batch id index `audit_batch_ids` and looked up there (the writer
// is src/main/audit/batch-ids.ts; the migrator builds the documents of entries written before the index with the same
// rule). FTS5 folds capitals and splits words, and ids are case-sensitive: each id is spelled in lower-case letters,
// digits, `_` and `-`, a capital as `~` and its lower case, any other character as `~~` and six hex digits. A prefix
// of an id spells a prefix of its spelling and nothing else does, so the words that begin with a search's spelling are
// exactly the ids that begin with the search, capitals as typed.
import { valueIds } from './ids';

const spellChar = (c: string) => {
  if (/[a-z0-9_-]/.test(c)) return c;
  if (/[A-Z]/.test(c)) return `~${c.toLowerCase()}`;
  return `~~${c.codePointAt(0)!.toString(16).padStart(6, '0')}`;
};

/** An id as the index holds it: one word of the characters FTS5 keeps as they are (`pi_3Nx` → `pi_3~nx`). */
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
