// The Unattributed inbox's lists: what is still open (from the projection) and what finance decided (the records).
import type { Page } from '../../shared/contract/define';
import type { UnattributedItem } from '../../shared/contract/unattributed';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { dashboardUrl } from '../db/sql';

type Mode = WorkspaceInfo['mode'];

/** The object's page in the Stripe Dashboard, by the kind of object. */
export function stripeUrlOf(mode: Mode, objectType: string, id: string): string {
  switch (objectType) {
    case 'transfer':
      return dashboardUrl(mode, 'connect/transfers', id);
    case 'account':
      return dashboardUrl(mode, 'connect/accounts', id);
    case 'promotion_code':
      return dashboardUrl(mode, 'promotion_codes', id);
    case 'coupon':
      return dashboardUrl(mode, 'coupons', id);
    default:
      return dashboardUrl(mode, 'payments', id);
  }
}

/** What can be attributed: a payment or transfer without metadata (others are only marked not marketplace). */
export const ATTRIBUTABLE = new Set(['payment_intent', 'charge', 'transfer']);

const COLUMNS = `o.object_type, o.created, json_extract(so.payload, '$.destination') AS destination_account,
  sca.instructor_id AS destination_instructor, du.name AS destination_name`;
const DESTINATION = `LEFT JOIN stripe_object_states so ON so.id = o.object_id
  LEFT JOIN stripe_connect_accounts sca ON sca.stripe_account_id = json_extract(so.payload, '$.destination')
  LEFT JOIN instructors di ON di.id = sca.instructor_id LEFT JOIN users du ON du.id = di.user_id`;

interface Row {
  object_id: string;
  object_type: string;
  reason: string;
  message: string;
  amount_pence: number | null;
  created: number;
  destination_account: string | null;
  destination_instructor: string | null;
  destination_name: string | null;
  decision?: 'attributed' | 'not_marketplace';
  note?: string;
  decided_by?: string;
  decided_at?: number;
  learner_id?: string | null;
  learner_name?: string | null;
  instructor_id?: string | null;
  instructor_name?: string | null;
  payment_type?: 'lesson' | 'credit_pack' | null;
  hours?: number | null;
  payout_date?: string | null;
}

function toItem(r: Row, mode: Mode): UnattributedItem {
  return {
    id: r.object_id,
    objectType: r.object_type,
    reason: r.reason,
    message: r.message,
    amountPence: r.amount_pence,
    created: r.created,
    stripeUrl: stripeUrlOf(mode, r.object_type, r.object_id),
    destination: r.destination_account
      ? {
          accountId: r.destination_account,
          instructorId: r.destination_instructor,
          instructorName: r.destination_name,
        }
      : null,
    canAttribute:
      r.decision === undefined && ATTRIBUTABLE.has(r.object_type) && r.reason === 'missing_metadata',
    decision: r.decision
      ? {
          decision: r.decision,
          note: r.note!,
          decidedBy: r.decided_by!,
          decidedAt: r.decided_at!,
          learner: r.learner_id ? { id: r.learner_id, name: r.learner_name ?? r.learner_id } : null,
          instructor: r.instructor_id
            ? { id: r.instructor_id, name: r.instructor_name ?? r.instructor_id }
            : null,
          paymentType: r.payment_type ?? null,
          hours: r.hours ?? null,
          payoutDate: r.payout_date ?? null,
        }
      : null,
  };
}

/** Open objects, newest first, paged in SQL. */
export function listOpen(sqlite: Sqlite, mode: Mode, paging: { page: number; pageSize: number }) {
  const total = sqlite.prepare('SELECT count(*) FROM unattributed_objects').pluck().get() as number;
  const rows = sqlite
    .prepare(
      `SELECT o.object_id, o.reason, o.message, o.amount_pence, ${COLUMNS}
       FROM unattributed_objects o ${DESTINATION}
       ORDER BY o.created DESC, o.object_id DESC LIMIT ? OFFSET ?`,
    )
    .all(paging.pageSize, (paging.page - 1) * paging.pageSize) as Row[];
  return { rows: rows.map((r) => toItem(r, mode)), total, page: paging.page, pageSize: paging.pageSize };
}

/** Decided objects, most recent decision first, with who decided and the people named. */
export function listResolved(
  sqlite: Sqlite,
  mode: Mode,
  paging: { page: number; pageSize: number },
): Page<UnattributedItem> {
  const total = sqlite.prepare('SELECT count(*) FROM attributions').pluck().get() as number;
  const rows = sqlite
    .prepare(
      `SELECT o.object_id, o.decision, o.note, o.decided_at, o.learner_id, o.payment_type, o.hours, o.payout_date,
         o.instructor_id, 'resolved' AS reason, '' AS message,
         json_extract(so.payload, '$.amount') AS amount_pence,
         COALESCE(json_extract(so.payload, '$.created') * 1000, o.decided_at) AS created,
         o.object_type, json_extract(so.payload, '$.destination') AS destination_account,
         sca.instructor_id AS destination_instructor, du.name AS destination_name,
         op.name AS decided_by, COALESCE(lu.name, o.learner_name) AS learner_name, iu.name AS instructor_name
       FROM attributions o ${DESTINATION}
       LEFT JOIN users op ON op.id = o.decided_by
       LEFT JOIN users lu ON lu.id = o.learner_id
       LEFT JOIN instructors i ON i.id = o.instructor_id LEFT JOIN users iu ON iu.id = i.user_id
       ORDER BY o.decided_at DESC, o.object_id DESC LIMIT ? OFFSET ?`,
    )
    .all(paging.pageSize, (paging.page - 1) * paging.pageSize) as Row[];
  return { rows: rows.map((r) => toItem(r, mode)), total, page: paging.page, pageSize: paging.pageSize };
}
