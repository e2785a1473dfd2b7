// The ids a sync batch entry names (its inputs and their objects, the entities it changed, the ids its changes' roots
// name) as one document of the full-text index `audit_batch_ids`, whose rowid is the entry's seq. FTS5 writes each
// commit's words as a new segment and merges segments in order, where a row per id in a B-tree keyed by the id wrote
// a page at random for each (docs/ledger.md, "The batch id index"). How ids are spelled: src/shared/batch-id-words.ts.
import type { Statement } from 'better-sqlite3';
import { batchIdsDocument } from '../../shared/batch-id-words';
import type { Sqlite } from '../db/open';

const inserts = new WeakMap<Sqlite, Statement>();

/** Indexes one batch entry's ids under its seq; SyncBatchAudit.write calls it in the batch's transaction. */
export function indexBatchIds(sqlite: Sqlite, seq: number, ids: readonly string[]): void {
  let insert = inserts.get(sqlite);
  if (!insert) {
    insert = sqlite.prepare('INSERT INTO audit_batch_ids (rowid, ids) VALUES (?, ?)');
    inserts.set(sqlite, insert);
  }
  insert.run(seq, batchIdsDocument(ids));
}
