// One payment for its drawer: the split, Stripe ids with Dashboard links, refunds, journal, the credit row it feeds, audit.
import type {
  JournalTransactionView,
  PaymentDetail,
  PaymentRefundView,
} from '../../shared/contract/payments';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { auditTrail } from '../audit/queries';
import { PAYMENT_COLUMNS, PAYMENT_FROM, toPaymentRow, type PaymentSqlRow } from './queries';
import { dashboardUrl } from '../db/sql';

/** The charge of a synced payment intent (`latest_charge`, expanded or not), from its stripe_objects row `o`. */
export const CHARGE_OF_INTENT = `CASE json_type(o.payload, '$.latest_charge')
  WHEN 'object' THEN json_extract(o.payload, '$.latest_charge.id')
  ELSE json_extract(o.payload, '$.latest_charge') END`;

function chargeIdOf(sqlite: Sqlite, paymentIntentId: string): string | null {
  const id = sqlite
    .prepare(`SELECT ${CHARGE_OF_INTENT} FROM stripe_object_states o WHERE o.id = ?`)
    .pluck()
    .get(paymentIntentId) as string | null | undefined;
  return typeof id === 'string' && id ? id : null;
}

export function journalForPayment(sqlite: Sqlite, paymentId: string): JournalTransactionView[] {
  const txs = sqlite
    .prepare(
      `SELECT t.id, t.kind, t.description, t.occurred_at,
              (SELECT COALESCE(SUM(amount_pence), 0) FROM journal_lines WHERE transaction_id = t.id) AS total
       FROM journal_transactions t WHERE t.payment_id = ? ORDER BY t.occurred_at, t.id`,
    )
    .all(paymentId) as {
    id: string;
    kind: string;
    description: string;
    occurred_at: number;
    total: number;
  }[];
  const lines = sqlite.prepare(
    'SELECT line_no, account, amount_pence FROM journal_lines WHERE transaction_id = ? ORDER BY line_no',
  );
  return txs.map((t) => ({
    id: t.id,
    kind: t.kind,
    description: t.description,
    occurredAt: t.occurred_at,
    totalPence: t.total,
    lines: (lines.all(t.id) as { line_no: number; account: string; amount_pence: number }[]).map((l) => ({
      lineNo: l.line_no,
      account: l.account,
      amountPence: l.amount_pence,
    })),
  }));
}

export function getPayment(sqlite: Sqlite, mode: WorkspaceInfo['mode'], id: string): PaymentDetail | null {
  const row = sqlite.prepare(`SELECT ${PAYMENT_COLUMNS} ${PAYMENT_FROM} WHERE p.id = ?`).get(id) as
    PaymentSqlRow | undefined;
  if (!row) return null;
  const chargeId = chargeIdOf(sqlite, row.stripe_payment_intent_id);
  const refunds = sqlite
    .prepare(
      `SELECT id, stripe_refund_id, amount_pence, hours, status, reason, created_at
       FROM refunds WHERE payment_id = ? ORDER BY created_at, id`,
    )
    .all(id) as {
    id: string;
    stripe_refund_id: string | null;
    amount_pence: number;
    hours: number | null;
    status: string;
    reason: string;
    created_at: number;
  }[];
  const credit = sqlite
    .prepare(
      `SELECT id, hours_purchased, hours_used, hours_refunded, is_active, updated_at
       FROM learner_credits WHERE learner_id = ? AND instructor_id = ?`,
    )
    .get(row.learner_id, row.instructor_id) as
    | {
        id: string;
        hours_purchased: number;
        hours_used: number;
        hours_refunded: number;
        is_active: number;
        updated_at: number;
      }
    | undefined;
  return {
    payment: {
      ...toPaymentRow(row),
      updatedAt: row.updated_at,
      codeKind: row.discount_code ? 'discount' : row.referral_code ? 'referral' : null,
    },
    stripe: {
      paymentIntent: {
        id: row.stripe_payment_intent_id,
        url: dashboardUrl(mode, 'payments', row.stripe_payment_intent_id),
      },
      charge: chargeId ? { id: chargeId, url: dashboardUrl(mode, 'payments', chargeId) } : null,
    },
    refunds: refunds.map((r): PaymentRefundView => ({
      id: r.id,
      stripeRefundId: r.stripe_refund_id,
      amountPence: r.amount_pence,
      hours: r.hours,
      status: r.status,
      reason: r.reason,
      createdAt: r.created_at,
    })),
    journal: journalForPayment(sqlite, id),
    credit: credit
      ? {
          id: credit.id,
          hoursPurchased: credit.hours_purchased,
          hoursUsed: credit.hours_used,
          hoursRefunded: credit.hours_refunded,
          isActive: credit.is_active === 1,
          updatedAt: credit.updated_at,
        }
      : null,
    audit: auditTrail(sqlite, id),
  };
}
