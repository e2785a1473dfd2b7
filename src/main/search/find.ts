// The palette's search, each kind of text on its own index: a Stripe id prefix is a range on a unique index, an
// amount an equality on payments_total_idx, a name the users' trigram index, a code a range on the code index.
import type { SearchHit } from '../../shared/contract/search';
import { formatPence, parsePounds } from '../../shared/money';
import { formatInstant } from '../../shared/dates';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { dashboardUrl, prefixEnd } from '../db/sql';
import { searchPeople } from '../people/search';

const LIMIT = 8;

interface PaymentRow {
  id: string;
  pi: string;
  total: number;
  status: string;
  created_at: number;
  learner: string;
  instructor: string;
}

/** Payments chosen by `where` (a condition on an index, optionally with its ORDER BY), with their people. */
function payments(sqlite: Sqlite, where: string, params: unknown[], via: string): SearchHit[] {
  const rows = sqlite
    .prepare(
      `SELECT p.id, p.stripe_payment_intent_id AS pi, p.total_amount_pence AS total, p.status, p.created_at,
         l.name AS learner, iu.name AS instructor
       FROM payments p CROSS JOIN users l ON l.id = p.learner_id
         CROSS JOIN instructors i ON i.id = p.instructor_id CROSS JOIN users iu ON iu.id = i.user_id
       WHERE ${where} LIMIT ${LIMIT}`,
    )
    .all(...params) as PaymentRow[];
  return rows.map((r) => ({
    kind: 'payment',
    id: r.id,
    title: `${formatPence(r.total)} · ${r.learner} with ${r.instructor}`,
    detail: `${via}${r.pi} · ${r.status.replace(/_/g, ' ')} · ${formatInstant(r.created_at)}`,
    link: { kind: 'route', path: '/payments', params: { id: r.id, q: r.pi } },
  }));
}

/** Ids in [prefix, prefixEnd) of a column with a (unique) index. */
const range = (column: string) => `${column} >= ? AND ${column} < ?`;

function byStripeId(sqlite: Sqlite, q: string, mode: WorkspaceInfo['mode']): SearchHit[] | null {
  const bounds = [q, prefixEnd(q)];
  if (q.startsWith('pi_')) return payments(sqlite, range('p.stripe_payment_intent_id'), bounds, '');
  if (q.startsWith('ch_') || q.startsWith('py_')) {
    // A charge's PaymentIntent (or the lone charge itself) keys its payment.
    const charges = sqlite
      .prepare(
        `SELECT id, COALESCE(json_extract(payload, '$.payment_intent'), id) AS pi FROM stripe_object_states
         WHERE ${range('id')} AND object_type = 'charge' LIMIT ${LIMIT}`,
      )
      .all(...bounds) as { id: string; pi: string }[];
    return charges.flatMap((c) => payments(sqlite, 'p.stripe_payment_intent_id = ?', [c.pi], `${c.id} → `));
  }
  if (q.startsWith('re_')) {
    const refunds = sqlite
      .prepare(
        `SELECT stripe_refund_id AS id, payment_id FROM refunds WHERE ${range('stripe_refund_id')} LIMIT ${LIMIT}`,
      )
      .all(...bounds) as { id: string; payment_id: string }[];
    return refunds.flatMap((r) => payments(sqlite, 'p.id = ?', [r.payment_id], `refund ${r.id} of `));
  }
  if (q.startsWith('tr_')) {
    const rows = sqlite
      .prepare(
        `SELECT o.id, json_extract(o.payload, '$.amount') AS amount, u.name, p.payout_date, uo.object_id AS open
         FROM stripe_object_states o LEFT JOIN payouts p ON p.stripe_transfer_id = o.id
           LEFT JOIN instructors i ON i.id = p.instructor_id LEFT JOIN users u ON u.id = i.user_id
           LEFT JOIN unattributed_objects uo ON uo.object_id = o.id
         WHERE ${range('o.id')} AND o.object_type = 'transfer' LIMIT ${LIMIT}`,
      )
      .all(...bounds) as {
      id: string;
      amount: number;
      name: string | null;
      payout_date: string | null;
      open: string | null;
    }[];
    return rows.map((r) => ({
      kind: 'transfer',
      id: r.id,
      title: `${formatPence(r.amount)} transfer${r.name ? ` to ${r.name}` : ''}`,
      detail: r.payout_date
        ? `${r.id} · payout of ${r.payout_date}`
        : `${r.id} · ${r.open ? 'unattributed' : 'no payout row'}`,
      link: r.open
        ? { kind: 'route', path: '/unattributed', params: { id: r.id } }
        : { kind: 'stripe', url: dashboardUrl(mode, 'connect/transfers', r.id) },
    }));
  }
  if (q.startsWith('po_')) {
    const rows = sqlite
      .prepare(
        `SELECT id, json_extract(payload, '$.amount') AS amount, json_extract(payload, '$.status') AS status
         FROM stripe_object_states WHERE ${range('id')} AND object_type = 'payout' AND account IS NULL LIMIT ${LIMIT}`,
      )
      .all(...bounds) as { id: string; amount: number; status: string }[];
    return rows.map((r) => ({
      kind: 'payout',
      id: r.id,
      title: `${formatPence(r.amount)} payout to the platform’s bank`,
      detail: `${r.id} · ${r.status.replace(/_/g, ' ')}`,
      link: { kind: 'stripe', url: dashboardUrl(mode, 'payouts', r.id) },
    }));
  }
  if (q.startsWith('acct_')) {
    const rows = sqlite
      .prepare(
        `SELECT i.id, u.name, u.email, sca.stripe_account_id AS account, sca.status
         FROM stripe_connect_accounts sca JOIN instructors i ON i.id = sca.instructor_id JOIN users u ON u.id = i.user_id
         WHERE ${range('sca.stripe_account_id')} LIMIT ${LIMIT}`,
      )
      .all(...bounds) as { id: string; name: string; email: string; account: string; status: string }[];
    return rows.map((r) => ({
      kind: 'instructor',
      id: r.id,
      title: r.name,
      detail: `${r.account} · ${r.status}`,
      link: { kind: 'route', path: '/instructors', params: { id: r.id, q: r.email } },
    }));
  }
  return null;
}

function people(sqlite: Sqlite, q: string): SearchHit[] {
  const instructorOf = sqlite.prepare('SELECT id FROM instructors WHERE user_id = ?').pluck();
  return searchPeople(sqlite, q, LIMIT).map((p): SearchHit => {
    const instructorId = instructorOf.get(p.id) as string | undefined;
    return instructorId
      ? {
          kind: 'instructor',
          id: instructorId,
          title: p.name,
          detail: p.email,
          link: { kind: 'route', path: '/instructors', params: { id: instructorId, q: p.email } },
        }
      : {
          kind: 'person',
          id: p.id,
          title: p.name,
          detail: `${p.email} · their payments`,
          link: { kind: 'route', path: '/payments', params: { q: p.email } },
        };
  });
}

function codes(sqlite: Sqlite, q: string): SearchHit[] {
  const code = q.toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(code)) return [];
  const rows = sqlite
    .prepare(
      `SELECT * FROM (SELECT id, code, 'discount' AS kind FROM discount_codes WHERE ${range('code')} LIMIT ${LIMIT})
       UNION ALL SELECT * FROM (SELECT id, code, 'referral' AS kind FROM referral_codes WHERE ${range('code')} LIMIT ${LIMIT})`,
    )
    .all(code, prefixEnd(code), code, prefixEnd(code)) as { id: string; code: string; kind: string }[];
  return rows.slice(0, LIMIT).map((r) => ({
    kind: 'code',
    id: r.id,
    title: r.code,
    detail: `${r.kind} code`,
    link: {
      kind: 'route',
      path: '/codes',
      params: { id: r.id, ...(r.kind === 'referral' ? { kind: 'referral' } : {}) },
    },
  }));
}

export function search(sqlite: Sqlite, q: string, mode: WorkspaceInfo['mode']): SearchHit[] {
  const text = q.trim();
  const byId = /^[a-z]+_/.test(text) ? byStripeId(sqlite, text, mode) : null;
  if (byId) return byId;
  const pence = /^£?\d/.test(text) ? parsePounds(text) : null;
  const byAmount =
    pence !== null && pence > 0
      ? payments(sqlite, 'p.total_amount_pence = ? ORDER BY p.rowid DESC', [pence], '')
      : [];
  return [...byAmount, ...people(sqlite, text), ...codes(sqlite, text)];
}
