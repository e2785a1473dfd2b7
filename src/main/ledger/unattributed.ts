// Stripe objects the console keeps but cannot attribute to a learner, instructor or payout — for finance to resolve.
import type { Sqlite } from '../db/open';
import type { Page } from '../../shared/contract/define';
import type { UnattributedObject } from '../../shared/contract/ledger';

export type { UnattributedObject };

/** Newest first, paged in SQL. */
export function listUnattributed(
  sqlite: Sqlite,
  paging: { page: number; pageSize: number },
): Page<UnattributedObject> {
  const total = sqlite.prepare('SELECT count(*) FROM unattributed_objects').pluck().get() as number;
  const rows = sqlite
    .prepare(
      `SELECT object_id AS objectId, object_type AS objectType, reason, message, amount_pence AS amountPence, created
       FROM unattributed_objects ORDER BY created DESC, object_id DESC LIMIT ? OFFSET ?`,
    )
    .all(paging.pageSize, (paging.page - 1) * paging.pageSize) as UnattributedObject[];
  return { rows, total, page: paging.page, pageSize: paging.pageSize };
}
