// The reconciliation's checks (DOMAIN.md §8): the ledger against what Stripe says, each discrepancy with its ids and
// links. Pure reads of the database plus the Stripe side already read.
import type { Discrepancy, ReconFigures } from '../../shared/contract/recon';
import { applyBps, formatPence } from '../../shared/money';
import { addDays, londonDate, londonMidnight } from '../../shared/dates';
import type { WorkspaceInfo } from '../api/context';
import type { Sqlite } from '../db/open';
import { stripeBalanceOf } from '../ledger/balances';
import type { Projection } from '../projection/registry';
import { settingOn } from '../settings/service';
import { provenInvariants } from './invariant-proof';
import { provenPaymentChecks } from './payment-proof';
import { balanceLink, consoleInstructor, consolePayment, stripeLink } from './links';
import { within, type Span } from './period';
import type { StripeSide } from './stripe-side';

type Mode = WorkspaceInfo['mode'];

interface PaymentRow {
  id: string;
  pi: string;
  total: number;
  instructor: number;
  fee: number;
  discount: number;
  refunded: number;
  status: string;
  created: number;
}

const CAPTURED = new Set(['succeeded', 'partially_refunded', 'refunded', 'disputed']);

function discrepancy(
  mode: Mode,
  d: Omit<Discrepancy, 'links' | 'stripePence' | 'ledgerPence'> &
    Partial<Pick<Discrepancy, 'stripePence' | 'ledgerPence'>> & { console?: Discrepancy['links'] },
): Discrepancy {
  const stripe = d.ids.map((id) => stripeLink(mode, id)).filter((l) => l !== null);
  return {
    kind: d.kind,
    message: d.message,
    ids: d.ids,
    stripePence: d.stripePence ?? null,
    ledgerPence: d.ledgerPence ?? null,
    links: [...(d.console ?? []), ...stripe],
  };
}

/**
 * The payments' checks of the span: of every payment and succeeded charge, or with `only`, of those whose
 * PaymentIntent (or, for a charge, its id) is in it, in the same order. Each discrepancy's first id is that key.
 */
export function paymentChecks(
  sqlite: Sqlite,
  mode: Mode,
  span: Span,
  side: StripeSide,
  only: Set<string> | null = null,
): Discrepancy[] {
  const out: Discrepancy[] = [];
  const columns = `id, stripe_payment_intent_id AS pi, total_amount_pence AS total, instructor_amount_pence AS instructor,
     platform_fee_pence AS fee, discount_pence AS discount, amount_refunded_pence AS refunded, status, created_at AS created`;
  // `only`: each key through the PaymentIntent index (`+` keeps SQLite from walking the span's created_at range).
  const [where, params] = only
    ? [
        'stripe_payment_intent_id IN (SELECT value FROM json_each(?)) AND +created_at >= ? AND +created_at < ?',
        [JSON.stringify([...only]), span.start, span.end],
      ]
    : ['created_at >= ? AND created_at < ?', [span.start, span.end]];
  // Read as arrays and made objects here: a third cheaper than better-sqlite3's row objects (docs/reconciliation.md).
  const rows = (
    sqlite
      .prepare(`SELECT ${columns} FROM payments WHERE ${where} ORDER BY created_at, id`)
      .raw()
      .all(...params) as [string, string, number, number, number, number, number, string, number][]
  ).map(([id, pi, total, instructor, fee, discount, refunded, status, created]): PaymentRow => ({
    id,
    pi,
    total,
    instructor,
    fee,
    discount,
    refunded,
    status,
    created,
  }));
  // The span's payments in one range read; a charge whose payment began before the span is looked up alone.
  const inSpan = new Map(rows.map((r) => [r.pi, r]));
  const byPi = sqlite.prepare(`SELECT ${columns} FROM payments WHERE stripe_payment_intent_id = ?`);
  const unattributed = sqlite.prepare('SELECT 1 FROM unattributed_objects WHERE object_id IN (?, ?)');
  const succeeded = new Map<string, StripeSide['charges'][number]>();
  for (const c of side.charges) if (c.status === 'succeeded') succeeded.set(c.paymentIntent ?? c.id, c);
  for (const [key, c] of succeeded) {
    if (!within(span, c.created) || (only && !only.has(key) && !only.has(c.id))) continue;
    const row = inSpan.get(key) ?? (byPi.get(key) as PaymentRow | undefined);
    if (!row) {
      if (!unattributed.get(key, c.id))
        out.push(
          discrepancy(mode, {
            kind: 'charge_missing_in_ledger',
            message: `Stripe charged ${formatPence(c.amount)} (${c.id}) but the ledger has no payment for it: sync, or look for an error in the sync status.`,
            ids: [key, c.id].filter((v, i, a) => a.indexOf(v) === i),
            stripePence: c.amount,
          }),
        );
      continue;
    }
    // Made only for a discrepancy: most payments have none.
    const links = () => [consolePayment(row.id)];
    if (row.total !== c.amount)
      out.push(
        discrepancy(mode, {
          kind: 'payment_amount_differs',
          message: `Payment ${key}: Stripe charged ${formatPence(c.amount)}, the ledger says ${formatPence(row.total)}.`,
          ids: [key, c.id, row.id],
          stripePence: c.amount,
          ledgerPence: row.total,
          console: links(),
        }),
      );
    else if (row.refunded !== c.amountRefunded)
      out.push(
        discrepancy(mode, {
          kind: 'payment_amount_differs',
          message: `Payment ${key}: Stripe has refunded ${formatPence(c.amountRefunded)}, the ledger ${formatPence(row.refunded)}.`,
          ids: [key, c.id, row.id],
          stripePence: c.amountRefunded,
          ledgerPence: row.refunded,
          console: links(),
        }),
      );
    if (!CAPTURED.has(row.status))
      out.push(
        discrepancy(mode, {
          kind: 'payment_status_differs',
          message: `Payment ${key}: Stripe's charge succeeded, the ledger says “${row.status}”.`,
          ids: [key, c.id, row.id],
          console: links(),
        }),
      );
  }
  const feeOn = new Map<string, number>();
  // The rows come in created order: a row's London day is worked out only when it passes the day before's end.
  let day = '';
  let dayEnd = -Infinity;
  for (const row of rows) {
    // Made only for a discrepancy: most payments have none.
    const links = () => [consolePayment(row.id)];
    if (CAPTURED.has(row.status) && !succeeded.has(row.pi))
      out.push(
        discrepancy(mode, {
          kind: 'payment_missing_in_stripe',
          message: `Payment ${row.pi} (${formatPence(row.total)}, ${row.status}) has no succeeded charge in Stripe.`,
          ids: [row.pi, row.id],
          ledgerPence: row.total,
          console: links(),
        }),
      );
    if (row.total !== row.instructor + row.fee)
      out.push(
        discrepancy(mode, {
          kind: 'split_mismatch',
          message: `Payment ${row.pi}: total ${formatPence(row.total)} ≠ instructor ${formatPence(row.instructor)} + fee ${formatPence(row.fee)}.`,
          ids: [row.pi, row.id],
          ledgerPence: row.total,
          console: links(),
        }),
      );
    if (row.created >= dayEnd) {
      day = londonDate(row.created);
      dayEnd = londonMidnight(addDays(day, 1));
    }
    const bps = feeOn.get(day) ?? feeOn.set(day, settingOn(sqlite, 'platform_fee_bps', day)).get(day)!;
    const expected = applyBps(row.instructor, bps) - row.discount;
    if (row.fee !== expected)
      out.push(
        discrepancy(mode, {
          kind: 'fee_mismatch',
          message: `Payment ${row.pi}: fee ${formatPence(row.fee)}, expected ${formatPence(expected)} (${bps / 100}% of ${formatPence(row.instructor)} less the ${formatPence(row.discount)} discount).`,
          ids: [row.pi, row.id],
          stripePence: null,
          ledgerPence: row.fee,
          console: links(),
        }),
      );
  }
  return out;
}

function transferChecks(sqlite: Sqlite, mode: Mode, span: Span, side: StripeSide): Discrepancy[] {
  const out: Discrepancy[] = [];
  const rows = sqlite
    .prepare(
      `SELECT id, instructor_id AS instructorId, stripe_transfer_id AS transferId, amount_pence AS amount, status
       FROM payouts WHERE created_at >= ? AND created_at < ? AND (stripe_transfer_id IS NOT NULL OR status = 'paid')
       ORDER BY created_at, id`,
    )
    .all(span.start, span.end) as {
    id: string;
    instructorId: string;
    transferId: string | null;
    amount: number;
    status: string;
  }[];
  // The span's payout rows in one range read; a transfer whose row was made before the span is looked up alone.
  const inSpan = new Map(rows.filter((r) => r.transferId).map((r) => [r.transferId!, r]));
  const byTransfer = sqlite.prepare(
    'SELECT id, instructor_id AS instructorId, amount_pence AS amount FROM payouts WHERE stripe_transfer_id = ?',
  );
  const seen = new Set<string>();
  for (const t of side.transfers) {
    seen.add(t.id);
    const row =
      inSpan.get(t.id) ??
      (byTransfer.get(t.id) as { id: string; instructorId: string; amount: number } | undefined);
    if (!row) {
      out.push(
        discrepancy(mode, {
          kind: 'transfer_without_payout',
          message: `Transfer ${t.id} of ${formatPence(t.amount)} to ${t.destination ?? 'an unknown account'} has no payout row (made outside the console's payout runs?).`,
          ids: [t.id, ...(t.destination ? [t.destination] : [])],
          stripePence: t.amount,
        }),
      );
      continue;
    }
    const expected = t.amountReversed >= t.amount ? t.amount : t.amount - t.amountReversed;
    if (row.amount !== expected)
      out.push(
        discrepancy(mode, {
          kind: 'transfer_amount_differs',
          message: `Transfer ${t.id}: Stripe says ${formatPence(expected)} (net of reversals), the payout row ${formatPence(row.amount)}.`,
          ids: [t.id, row.id],
          stripePence: expected,
          ledgerPence: row.amount,
          console: [consoleInstructor(row.instructorId)],
        }),
      );
  }
  for (const row of rows)
    if (!row.transferId || !seen.has(row.transferId))
      out.push(
        discrepancy(mode, {
          kind: 'payout_without_transfer',
          message: `Payout ${row.id} of ${formatPence(row.amount)} (${row.status}) has no transfer in Stripe${row.transferId ? ` (${row.transferId} was not found in the period)` : ''}.`,
          ids: [...(row.transferId ? [row.transferId] : []), row.id],
          ledgerPence: row.amount,
          console: [consoleInstructor(row.instructorId)],
        }),
      );
  return out;
}

function bankPayoutChecks(mode: Mode, side: StripeSide): Discrepancy[] {
  return side.payouts
    .filter((p) => p.carriedPence !== null && p.status !== 'failed' && p.status !== 'canceled')
    .filter((p) => p.carriedPence !== p.amount)
    .map((p) =>
      discrepancy(mode, {
        kind: 'bank_payout_unbalanced',
        message: `Bank payout ${p.id} of ${formatPence(p.amount)}: the ${p.carriedCount} balance transactions it carried sum to ${formatPence(p.carriedPence!)}.`,
        ids: [p.id],
        stripePence: p.amount,
        ledgerPence: p.carriedPence,
      }),
    );
}

function unattributedChecks(sqlite: Sqlite, mode: Mode, span: Span): Discrepancy[] {
  const rows = sqlite
    .prepare(
      `SELECT object_id AS id, message, amount_pence AS amount FROM unattributed_objects
       WHERE created >= ? AND created < ? ORDER BY created, object_id`,
    )
    .all(span.start, span.end) as { id: string; message: string; amount: number | null }[];
  return rows.map((r) =>
    discrepancy(mode, {
      kind: 'unattributed',
      message: `${r.id} is unattributed: ${r.message}`,
      ids: [r.id],
      stripePence: r.amount,
    }),
  );
}

export interface CheckInput {
  sqlite: Sqlite;
  projection: Projection;
  mode: Mode;
  span: Span;
  side: StripeSide;
  figures: ReconFigures;
}

function balanceCheck({ sqlite, mode, side }: CheckInput): Discrepancy[] {
  const ledgerBalance = stripeBalanceOf(sqlite);
  if (ledgerBalance === side.balancePence) return [];
  return [
    {
      kind: 'stripe_balance_differs',
      message: `The ledger's Stripe balance is ${formatPence(ledgerBalance)}, Stripe's (available + pending) ${formatPence(side.balancePence)}: sync, then run again.`,
      ids: ['stripe_balance'],
      stripePence: side.balancePence,
      ledgerPence: ledgerBalance,
      links: [balanceLink(mode)],
    },
  ];
}

const rollForwardChecks = ({ figures }: CheckInput): Discrepancy[] =>
  figures.rollForwards
    .filter((r) => r.differencePence !== 0)
    .map((r) => ({
      kind: 'roll_forward_open',
      message: `${r.label}: opening ${formatPence(r.openingPence)} + in ${formatPence(r.inPence)} − out ${formatPence(r.outPence)} is ${formatPence(r.openingPence + r.inPence - r.outPence)}, the closing balance ${formatPence(r.closingPence)}.`,
      ids: [r.account],
      stripePence: null,
      ledgerPence: r.differencePence,
      links: [],
    }));

const invariantChecks = ({ sqlite, projection }: CheckInput): Discrepancy[] =>
  provenInvariants(projection, sqlite).map((v) => ({
    kind: 'ledger_invariant',
    message: v.message,
    ids: Object.values(v.details)
      .filter((x): x is string => typeof x === 'string')
      .slice(0, 5),
    stripePence: null,
    ledgerPence: null,
    links: [],
  }));

/** The checks in order, each told what the earlier ones found; a job runs them one by one to show progress. */
export const CHECKS: { label: string; run: (input: CheckInput, found: Discrepancy[]) => Discrepancy[] }[] = [
  {
    label: 'payments',
    run: (i) =>
      provenPaymentChecks(i.sqlite, i.span, i.side, (only) =>
        paymentChecks(i.sqlite, i.mode, i.span, i.side, only),
      ),
  },
  { label: 'transfers', run: (i) => transferChecks(i.sqlite, i.mode, i.span, i.side) },
  { label: 'bank payouts', run: (i) => bankPayoutChecks(i.mode, i.side) },
  { label: 'the Stripe balance', run: balanceCheck },
  { label: 'roll-forwards', run: rollForwardChecks },
  {
    label: 'unattributed objects',
    // An unattributed object another check already names (a Dashboard transfer) is listed once.
    run: (i, found) => {
      const named = new Set(found.flatMap((d) => d.ids));
      return unattributedChecks(i.sqlite, i.mode, i.span).filter((d) => !named.has(d.ids[0]!));
    },
  },
  { label: 'the ledger invariants', run: invariantChecks },
];

export function runChecks(input: CheckInput): Discrepancy[] {
  const found: Discrepancy[] = [];
  for (const check of CHECKS) found.push(...check.run(input, found));
  return found;
}
