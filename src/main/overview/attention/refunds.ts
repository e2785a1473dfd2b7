// Attention sources from refunds: requests waiting for an approver, refunds Stripe refused or failed after taking
// them (the learner was not repaid), and refunds Stripe holds until the platform's balance covers them.
import { formatPence } from '../../../shared/money';
import { ALL_REFUNDS } from '../../refunds/list';
import type { AttentionContext, AttentionSource } from './index';

interface RefundItemRow {
  id: string;
  amount_pence: number;
  created_at: number;
  learner: string;
  detail: string | null;
}

/** The refunds `where` selects, oldest first, each with `detail` (an SQL expression over `a`) when one is given. */
function refundsWhere(ctx: AttentionContext, where: string, detail = 'NULL') {
  const from = `FROM (${ALL_REFUNDS}) a JOIN payments p ON p.id = a.payment_id JOIN users l ON l.id = p.learner_id
    WHERE ${where}`;
  const total = ctx.sqlite.prepare(`SELECT count(*) ${from}`).pluck().get() as number;
  const rows = ctx.sqlite
    .prepare(
      `SELECT a.id, a.amount_pence, a.created_at, l.name AS learner, ${detail} AS detail ${from}
       ORDER BY a.created_at, a.id LIMIT ?`,
    )
    .all(ctx.limit) as RefundItemRow[];
  return { total, rows };
}

export const refundsAwaitingDecision: AttentionSource = {
  kind: 'refunds_awaiting_decision',
  label: 'Refund requests awaiting a decision',
  tone: 'amber',
  read(ctx) {
    const { total, rows } = refundsWhere(ctx, "a.status = 'requested'", 'a.note');
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: `${formatPence(r.amount_pence)} to ${r.learner}`,
        detail: r.detail ? `Requested: ${r.detail}` : 'Requested without a note.',
        at: r.created_at,
        link: { kind: 'route', path: '/refunds', params: { status: 'requested' } },
      })),
    };
  },
};

export const failedRefunds: AttentionSource = {
  kind: 'failed_refunds',
  label: 'Failed refunds',
  tone: 'red',
  read(ctx) {
    const { total, rows } = refundsWhere(
      ctx,
      "a.status = 'failed'",
      "COALESCE(a.error_message, replace(a.failure_reason, '_', ' '))",
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: `${formatPence(r.amount_pence)} to ${r.learner} was not refunded`,
        detail: r.detail ? `Stripe says: ${r.detail}.` : 'Stripe did not make the refund.',
        at: r.created_at,
        link: { kind: 'route', path: '/refunds', params: { status: 'failed' } },
      })),
    };
  },
};

export const refundsWaitingForFunds: AttentionSource = {
  kind: 'refunds_waiting_for_funds',
  label: 'Refunds waiting in Stripe for funds',
  tone: 'amber',
  read(ctx) {
    const { total, rows } = refundsWhere(
      ctx,
      "a.status = 'pending' AND a.pending_reason = 'insufficient_funds'",
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: `${formatPence(r.amount_pence)} to ${r.learner} is not repaid yet`,
        detail: 'The platform’s Stripe balance cannot cover it: add funds in the Stripe Dashboard.',
        at: r.created_at,
        link: { kind: 'route', path: '/refunds', params: { status: 'pending' } },
      })),
    };
  },
};
