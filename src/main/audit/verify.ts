// Walks the audit chain in order and names the first entry whose link or contents do not add up.
import type { ChainReport } from '../../shared/contract/audit';
import type { Sqlite } from '../db/open';
import { GENESIS_HASH, hashAuditRow, type StoredAuditRow } from './chain';

export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  const rows = sqlite
    .prepare('SELECT * FROM audit_logs ORDER BY seq ASC')
    .iterate() as IterableIterator<StoredAuditRow>;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (const row of rows) {
    const broken = (reason: string): ChainReport => ({
      intact: false,
      checked,
      firstBroken: { seq: row.seq, id: row.id, reason },
    });
    if (row.seq !== expectedSeq) {
      return broken(
        `entries #${expectedSeq}–#${row.seq - 1} are missing: the chain skips from #${expectedSeq - 1} to #${row.seq}`,
      );
    }
    if (row.prev_hash !== prevHash) {
      return broken(`its link to entry #${row.seq - 1} does not match: an earlier entry was replaced`);
    }
    const { hash, ...rest } = row;
    if (hashAuditRow(rest) !== hash) {
      return broken('its contents were changed after it was written (hash mismatch)');
    }
    prevHash = hash;
    expectedSeq += 1;
    checked += 1;
  }
  return { intact: true, checked };
}
