// Walks the audit chain in order and names the first entry whose link, contents (a sync batch's changes included) or key
// signature do not add up, then checks the chain still reaches the head anchored outside the database (a cut tail or a
// rewrite shows there) and that no change is stored outside a batch entry.
import type { ChainBreak, ChainReport } from '../../shared/contract/audit';
import type { Sqlite } from '../db/open';
import { GENESIS_HASH, hashAuditRow, type StoredAuditRow } from './chain';
import { KEYED_MARKER, keyingFor, markerSeq } from './keying';
import {
  batchChangesProblem,
  CHANGES_OF_BATCH,
  isSyncBatch,
  SYNC_BATCH,
  type StoredChange,
} from './sync-batch';

/** Why a keyed entry fails: a plain hash where a keyed one was due, or a signature under some other key. */
function keyedReason(row: Omit<StoredAuditRow, 'hash'>, hash: string): string {
  return hashAuditRow(row) === hash
    ? "it carries a plain hash where the workspace's audit key was due: the chain was rewritten from here"
    : "its signature does not match the workspace's audit key: it was changed, or the chain was rewritten or re-keyed from here";
}

export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  const keying = keyingFor(sqlite);
  const keyedFrom = keying?.keyedFrom ?? markerSeq(sqlite);
  const anchor = keying?.anchor ? { seq: keying.anchor.seq, hash: keying.anchor.hash } : null;
  const rows = sqlite
    .prepare('SELECT * FROM audit_logs ORDER BY seq ASC')
    .iterate() as IterableIterator<StoredAuditRow>;
  const changesOf = sqlite.prepare(CHANGES_OF_BATCH);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let batchChanges = 0;
  const report = (firstBroken: ChainBreak | null): ChainReport => {
    const head = checked === 0 ? null : { seq: expectedSeq - 1, hash: prevHash };
    const facts = { checked, keyedFrom, head, anchor };
    return firstBroken
      ? { ...facts, intact: false, firstBroken }
      : { ...facts, intact: true, firstBroken: null };
  };

  for (const row of rows) {
    const broken = (reason: string) => report({ seq: row.seq, id: row.id, reason });
    if (row.seq !== expectedSeq) {
      return broken(
        `entries #${expectedSeq}–#${row.seq - 1} are missing: the chain skips from #${expectedSeq - 1} to #${row.seq}`,
      );
    }
    if (row.prev_hash !== prevHash) {
      return broken(`its link to entry #${row.seq - 1} does not match: an earlier entry was replaced`);
    }
    const { hash, ...rest } = row;
    if (keyedFrom !== null && row.seq >= keyedFrom) {
      if (!keying)
        return broken("the chain is keyed from here, and this console does not hold the workspace's key");
      if (
        row.seq === keyedFrom &&
        (row.entity_type !== KEYED_MARKER.entityType || row.action !== KEYED_MARKER.action)
      )
        return broken(
          'the keyed chain should start here, as the head anchored outside the database says: the chain was rewritten',
        );
      if (hashAuditRow(rest, keying.key) !== hash) return broken(keyedReason(rest, hash));
    } else if (hashAuditRow(rest) !== hash) {
      return broken('its contents were changed after it was written (hash mismatch)');
    }
    if (isSyncBatch(row)) {
      const changes = changesOf.all(row.seq) as StoredChange[];
      const problem = batchChangesProblem(changes, row.new_values);
      if (problem) return broken(problem);
      batchChanges += changes.length;
    }
    prevHash = hash;
    expectedSeq += 1;
    checked += 1;
  }

  if (anchor && anchor.seq >= expectedSeq) {
    const last = expectedSeq - 1;
    return report({
      seq: expectedSeq,
      id: null,
      reason: `the chain ends at #${last}, but the head anchored outside the database is #${anchor.seq}: entries #${expectedSeq}–#${anchor.seq} were cut off`,
    });
  }
  if (anchor) {
    const at = sqlite.prepare('SELECT id, hash FROM audit_logs WHERE seq = ?').get(anchor.seq) as {
      id: string;
      hash: string;
    };
    if (at.hash !== anchor.hash)
      return report({
        seq: anchor.seq,
        id: at.id,
        reason: 'it differs from the head anchored outside the database: the chain was rewritten up to here',
      });
  }
  const stored = sqlite.prepare('SELECT count(*) FROM audit_sync_changes').pluck().get() as number;
  if (stored !== batchChanges) {
    const stray = sqlite
      .prepare(
        `SELECT c.seq FROM audit_sync_changes c LEFT JOIN audit_logs a ON a.seq = c.seq
         WHERE a.seq IS NULL OR a.entity_type <> ? OR a.action <> ? ORDER BY c.seq LIMIT 1`,
      )
      .pluck()
      .get(SYNC_BATCH.entityType, SYNC_BATCH.action) as number | undefined;
    return report({
      seq: stray ?? expectedSeq,
      id: null,
      reason: `${stored - batchChanges} sync changes are stored under no sync batch entry of the chain: they were added`,
    });
  }
  return report(null);
}
