// Attention sources read from the Stripe objects sync keeps: open disputes with their evidence deadlines, and the
// platform's payouts to its bank that failed.
import { formatPence } from '../../../shared/money';
import { formatDay, londonDate } from '../../../shared/dates';
import { disputeReason } from '../../../shared/dispute-reasons';
import { dashboardUrl } from '../../db/sql';
import type { AttentionSource } from './index';

/** `needs_response` → "Needs response". */
const sentence = (code: string) => code[0]!.toUpperCase() + code.slice(1).replace(/_/g, ' ');

/** Dispute statuses that still wait for the platform (or for the bank after evidence was sent). */
const OPEN = `('needs_response', 'warning_needs_response', 'under_review', 'warning_under_review')`;

export const openDisputes: AttentionSource = {
  kind: 'open_disputes',
  label: 'Open disputes',
  tone: 'red',
  read({ sqlite, mode, limit }) {
    const where = `o.object_type = 'dispute' AND o.account IS NULL AND json_extract(o.payload, '$.status') IN ${OPEN}`;
    const total = sqlite
      .prepare(`SELECT count(*) FROM stripe_object_states o WHERE ${where}`)
      .pluck()
      .get() as number;
    const rows = sqlite
      .prepare(
        `SELECT o.id, json_extract(o.payload, '$.amount') AS amount, json_extract(o.payload, '$.reason') AS reason,
           json_extract(o.payload, '$.status') AS status,
           json_extract(o.payload, '$.evidence_details.due_by') AS due_by,
           COALESCE(json_extract(o.payload, '$.payment_intent'), json_extract(o.payload, '$.charge')) AS pi,
           p.id AS payment_id
         FROM stripe_object_states o LEFT JOIN payments p
           ON p.stripe_payment_intent_id = COALESCE(json_extract(o.payload, '$.payment_intent'), json_extract(o.payload, '$.charge'))
         WHERE ${where} ORDER BY due_by IS NULL, due_by, o.id LIMIT ?`,
      )
      .all(limit) as {
      id: string;
      amount: number;
      reason: string | null;
      status: string;
      due_by: number | null;
      pi: string | null;
      payment_id: string | null;
    }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: `Dispute of ${formatPence(r.amount)}: ${r.reason ? disputeReason(r.reason) : 'no reason'}`,
        detail: `${sentence(r.status)}${r.due_by ? `; evidence due by ${formatDay(londonDate(r.due_by * 1000))}` : ''}.`,
        at: null, // the deadline is in the detail
        link: r.payment_id
          ? { kind: 'route', path: '/payments', params: { id: r.payment_id } }
          : { kind: 'stripe', url: dashboardUrl(mode, 'payments', r.pi ?? r.id) },
      })),
    };
  },
};

export const failedPlatformPayouts: AttentionSource = {
  kind: 'failed_platform_payouts',
  label: 'Failed payouts to the bank',
  tone: 'red',
  read({ sqlite, mode, limit }) {
    const where = `object_type = 'payout' AND account IS NULL AND json_extract(payload, '$.status') = 'failed'`;
    const total = sqlite
      .prepare(`SELECT count(*) FROM stripe_object_states WHERE ${where}`)
      .pluck()
      .get() as number;
    const rows = sqlite
      .prepare(
        `SELECT id, created, json_extract(payload, '$.amount') AS amount,
           json_extract(payload, '$.failure_message') AS message, json_extract(payload, '$.failure_code') AS code
         FROM stripe_object_states WHERE ${where} ORDER BY created DESC, id LIMIT ?`,
      )
      .all(limit) as {
      id: string;
      created: number;
      amount: number;
      message: string | null;
      code: string | null;
    }[];
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        title: `Payout of ${formatPence(r.amount)} to the platform’s bank failed`,
        detail: r.message ?? (r.code ? r.code.replace(/_/g, ' ') : 'The bank returned it.'),
        at: r.created * 1000, // Stripe's created is in seconds
        link: { kind: 'stripe', url: dashboardUrl(mode, 'payouts', r.id) },
      })),
    };
  },
};
