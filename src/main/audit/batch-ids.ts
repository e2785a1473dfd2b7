// Writes a sync batch entry's ids as one document of the FTS5 index `audit_batch_ids` (rowid = seq), whose segments
// are written in order where B-trees keyed by the ids took a random page per id (docs/ledger.md, "The batch id index").
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
