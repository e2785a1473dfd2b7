// A payment and everything hanging off it (charges, Stripe fees, refunds, disputes) → payments, refunds, journal.
import { applyBps } from '../../../shared/money';
import { londonDate } from '../../../shared/dates';
import { settingOn } from '../../settings/service';
import { instructorPayable, learnerPrepaid, NOT_MARKETPLACE, UNATTRIBUTED } from '../../ledger/accounts';
import { paymentDecision } from '../../attributions/decision';
import { uuidFrom } from '../../ledger/ids';
import type { JournalTx } from '../../ledger/journal-store';
import { writeJournal } from '../../ledger/journal-store';
import {
  disputeClawbackLines,
  waivedClawbackLines,
  disputeLines,
  hourShares,
  paymentLines,
  refundLines,
  reversedLines,
  usedHoursRefundLines,
  type PaymentAmounts,
} from '../../ledger/postings';
import type { ProjectionContext } from '../../projection/context';
import type { StripeJson } from '../../stripe/json';
import { readPaymentMeta, type PaymentMeta } from '../../stripe/payment-metadata';
import { writePerson } from '../../people/projectors/people';
import { MONEY_OUT_REFUND, refundShares, type RefundShare } from './refund-hours';
import { writeRow } from '../../projection/rows';
import { createdMs, idOf, int, metaInt, metadataOf, str } from '../../stripe/json';

/** Fee rates by London date, per projection run (a batch projects many payments of the same days). */
const feeRates = new WeakMap<ProjectionContext, Map<string, number>>();

/** The platform fee rate (basis points) in force on a London date. */
function feeBpsOn(ctx: ProjectionContext, date: string): number {
  let rates = feeRates.get(ctx);
  if (!rates) feeRates.set(ctx, (rates = new Map()));
  let bps = rates.get(date);
  if (bps === undefined) rates.set(date, (bps = settingOn(ctx.sqlite, 'platform_fee_bps', date)));
  return bps;
}

const DISPUTE_SETTLED_FOR_US = new Set(['won', 'prevented', 'warning_closed']);

interface Money {
  id: string;
  amount: number;
  created: number;
}

/** Succeeded charges; a succeeded PaymentIntent whose charge is not synced yet stands in for it. */
function moneyIn(pi: StripeJson | undefined, charges: StripeJson[]): Money[] {
  const ok = charges
    .filter((c) => c.status === 'succeeded')
    .map((c) => ({
      id: c.id,
      amount: int(c.amount_captured) || (int(c.amount) ?? 0),
      created: createdMs(c),
    }));
  if (ok.length === 0 && pi?.status === 'succeeded')
    ok.push({
      id: idOf(pi.latest_charge) ?? pi.id,
      amount: int(pi.amount_received) ?? int(pi.amount) ?? 0,
      created: createdMs(pi),
    });
  return ok;
}

function paymentStatus(
  pi: StripeJson | undefined,
  charges: StripeJson[],
  received: number,
  refunded: number,
  disputed: boolean,
) {
  const status = str(pi?.status) ?? str(charges[0]?.status) ?? 'pending';
  if (received > 0) {
    if (disputed) return 'disputed';
    if (refunded >= received) return 'refunded';
    if (refunded > 0) return 'partially_refunded';
    return 'succeeded';
  }
  if (status === 'canceled') return 'canceled';
  if (
    status === 'failed' ||
    (status === 'requires_payment_method' && charges.some((c) => c.status === 'failed'))
  )
    return 'failed';
  if (status === 'requires_payment_method' && pi?.last_payment_error) return 'failed';
  return 'pending';
}

/**
 * Refunds oldest first; the console's refunds of one payment made in the same second in the order they were approved
 * (`lplate_refund_number`), so each takes back the hours it was priced for. Others keep their (created, id) order.
 */
function inRefundOrder(a: StripeJson, b: StripeJson): number {
  const number = (r: StripeJson) => metaInt(metadataOf(r).lplate_refund_number) ?? Number.MAX_SAFE_INTEGER;
  return createdMs(a) - createdMs(b) || number(a) - number(b);
}

export function projectPayment(ctx: ProjectionContext, root: string): void {
  const members = ctx.members(root);
  const pi = members.find((o) => o.object === 'payment_intent');
  const charges = members.filter((o) => o.object === 'charge');
  const refunds = members.filter((o) => o.object === 'refund').sort(inRefundOrder);
  const disputes = members.filter((o) => o.object === 'dispute');
  const primary = pi ?? charges[0];
  if (!primary) return;
  /** The PaymentIntent id (or a lone charge's id): the payment's identity whichever object arrived first. */
  const key = root.slice('payment:'.length);
  const subject = {
    id: key,
    object: key.startsWith('ch_') ? 'charge' : 'payment_intent',
    created: primary.created,
  };

  const read = readPaymentMeta(pi ?? primary);
  // Finance's decision stands in for missing metadata (the Unattributed inbox).
  const meta = 'problem' in read ? (paymentDecision(ctx, key) ?? read) : read;
  let attributed: PaymentMeta | null = null;
  if (meta === 'not_marketplace') ctx.unattributed(subject, null);
  else if ('problem' in meta) {
    ctx.unattributed(subject, {
      code: 'missing_metadata',
      message: meta.problem,
      amount: int(primary.amount),
    });
  } else {
    ctx.ref(`instructor:${meta.instructorId}`, root);
    if (ctx.stmt('SELECT 1 FROM instructors WHERE id = ?').get(meta.instructorId)) attributed = meta;
    else
      ctx.unattributed(subject, {
        code: 'instructor_unknown',
        message: `The instructor ${meta.instructorId} has no connected account synced yet.`,
        amount: int(primary.amount),
      });
  }

  const money = moneyIn(pi, charges);
  const received = money.reduce((s, m) => s + m.amount, 0);
  const total = received > 0 ? received : (int(pi?.amount) ?? int(primary.amount) ?? 0);
  const createdAt = createdMs(primary);
  let amounts: PaymentAmounts = { paid: total, discount: 0, instructor: 0, hours: 1 };
  if (attributed) {
    const instructor = attributed.hours * attributed.ratePence;
    const list = instructor + applyBps(instructor, feeBpsOn(ctx, londonDate(createdAt)));
    if (list < total)
      ctx.error(
        primary.id,
        'charged_above_list',
        `${primary.id} charged ${total}p, more than the list price of ${list}p.`,
        'Check the fee rate in force on the payment date and the metadata of the payment.',
      );
    amounts = { paid: total, discount: Math.max(0, list - total), instructor, hours: attributed.hours };
  }
  const shares = refundShares(refunds, amounts);
  const refundedAmount = Math.min(
    total,
    refunds.length > 0
      ? shares.filter((s) => MONEY_OUT_REFUND.has(s.status)).reduce((s, r) => s + r.amount, 0)
      : Math.max(0, ...charges.map((c) => int(c.amount_refunded) ?? 0)),
  );
  const disputed = disputes.some((d) => !DISPUTE_SETTLED_FOR_US.has(str(d.status) ?? ''));
  const paymentId = uuidFrom(`payment:${key}`);
  const account = attributed
    ? learnerPrepaid(attributed.learnerId, attributed.instructorId)
    : meta === 'not_marketplace'
      ? NOT_MARKETPLACE
      : UNATTRIBUTED;
  const link = {
    payment_id: attributed ? paymentId : null,
    instructor_id: attributed?.instructorId ?? null,
    learner_id: attributed?.learnerId ?? null,
  };

  const txs: JournalTx[] = [];
  for (const [i, m] of money.entries()) {
    txs.push({
      id: `charge:${m.id}`,
      kind: 'payment',
      source_type: 'charge',
      source_id: m.id,
      occurred_at: m.created,
      description: `Payment ${key}`,
      ...link,
      lines: paymentLines(account, m.amount, i === 0 ? amounts.discount : 0),
    });
  }
  const payable = attributed ? instructorPayable(attributed.instructorId) : null;
  for (const s of shares)
    txs.push(...refundTransactions(ctx, root, s, { prepaid: account, payable, amounts }, link));
  for (const d of disputes) {
    const bts = Array.isArray(d.balance_transactions) ? (d.balance_transactions as StripeJson[]) : [];
    for (const bt of bts)
      txs.push({
        id: `dispute:${d.id}:${bt.id}`,
        kind: 'dispute',
        source_type: 'dispute',
        source_id: d.id,
        occurred_at: createdMs(bt),
        description: `${int(bt.amount)! < 0 ? 'Dispute funds withdrawn' : 'Dispute funds returned'} (${d.id})`,
        ...link,
        lines: disputeLines(int(bt.amount) ?? 0, int(bt.fee) ?? 0),
      });
    // Finance's recorded decision to claw the instructor's share of a lost dispute back (a console record).
    const clawed = payable
      ? (ctx
          .stmt(
            "SELECT instructor_share_pence AS share, created_at AS at FROM dispute_decisions WHERE dispute_id = ? AND decision = 'claw_back'",
          )
          .get(d.id) as { share: number; at: number } | undefined)
      : undefined;
    if (clawed && clawed.share > 0)
      txs.push({
        id: `dispute-clawback:${d.id}`,
        kind: 'clawback',
        source_type: 'dispute_decision',
        source_id: d.id,
        occurred_at: clawed.at,
        description: `Instructor's share of lost dispute ${d.id} clawed back`,
        ...link,
        lines: disputeClawbackLines(payable!, clawed.share),
      });
  }
  if (attributed) txs.push(...waivedClawbacks(ctx, paymentId, attributed.instructorId, link));
  writeJournal(ctx, root, txs);
  if (!attributed) return;

  ctx.unattributed(subject, null);
  const m = attributed;
  if (!ctx.stmt('SELECT 1 FROM users WHERE id = ?').get(m.learnerId))
    writePerson(
      ctx,
      {
        id: m.learnerId,
        email: m.learnerEmail,
        name: m.learnerName,
        created_at: createdAt,
        updated_at: createdAt,
      },
      'learner',
    );
  const codeId = (table: string, code: string | null) => {
    if (!code) return null;
    ctx.ref(`code:${code}`, root);
    return (
      (ctx.stmt(`SELECT id FROM ${table} WHERE code = ?`).pluck().get(code) as string | undefined) ?? null
    );
  };
  const updatedAt = Math.max(createdAt, ...[...charges, ...refunds, ...disputes].map(createdMs));
  const status = paymentStatus(pi, charges, received, refundedAmount, disputed);
  const codesBefore = ctx
    .stmt('SELECT discount_code_id, referral_code_id FROM payments WHERE id = ?')
    .raw()
    .get(paymentId) as (string | null)[] | undefined;
  const discountCodeId = codeId('discount_codes', m.discountCode);
  const referralCodeId = codeId('referral_codes', m.referralCode);
  const paymentChange = writeRow(ctx, 'payments', 'payment', {
    id: paymentId,
    learner_id: m.learnerId,
    instructor_id: m.instructorId,
    stripe_payment_intent_id: key,
    total_amount_pence: total,
    platform_fee_pence: total - amounts.instructor,
    instructor_amount_pence: amounts.instructor,
    status,
    payment_type: m.paymentType,
    hours: m.hours,
    discount_pence: amounts.discount,
    discount_code_id: discountCodeId,
    referral_code_id: referralCodeId,
    amount_refunded_pence: refundedAmount,
    created_at: createdAt,
    updated_at: updatedAt,
  });
  let refundChange = false;
  for (const s of shares) if (s.amount > 0) refundChange = writeRefundRow(ctx, paymentId, s) || refundChange;
  if (paymentChange === 'created') ctx.touch(`payment-row:${key}`);
  // A code's uses follow its payments (kept in code_use_counts): a changed payment that used one, or stopped using
  // one, sets the code's uses_count again.
  if (paymentChange)
    for (const code of new Set([...(codesBefore ?? []), discountCodeId, referralCodeId]))
      if (code) ctx.enqueue(`codeuses:${code}`);
  ctx.enqueue(`learner:${m.learnerId}`); // its name may come from this payment's metadata even when no row changed
  if (paymentChange || refundChange) {
    ctx.enqueue(`pair:${m.learnerId}:${m.instructorId}`);
    ctx.enqueue(`rate:${m.instructorId}`);
  }
}

/** Clawbacks of this payment's refunds and lost disputes that a person waived (console records): the platform bears them. */
function waivedClawbacks(
  ctx: ProjectionContext,
  paymentId: string,
  instructorId: string,
  link: Pick<JournalTx, 'payment_id' | 'instructor_id' | 'learner_id'>,
): JournalTx[] {
  const payable = instructorPayable(instructorId);
  const rows = ctx
    .stmt(
      `SELECT c.id, c.amount_pence AS amount, c.updated_at AS at,
              CASE WHEN c.source_ref IN (SELECT id FROM refund_requests WHERE payment_id = @p) THEN 'refund' ELSE 'dispute' END AS source
       FROM clawbacks c WHERE c.instructor_id = @i AND c.status = 'waived' AND c.waived_by IS NOT NULL
         AND (c.source_ref IN (SELECT id FROM refund_requests WHERE payment_id = @p)
              OR c.source_ref IN (SELECT dispute_id FROM dispute_decisions WHERE payment_id = @p))
       ORDER BY c.updated_at, c.id`,
    )
    .all({ p: paymentId, i: instructorId }) as {
    id: string;
    amount: number;
    at: number;
    source: 'refund' | 'dispute';
  }[];
  return rows.map((c) => ({
    id: `clawback-waived:${c.id}`,
    kind: 'clawback',
    source_type: 'clawback',
    source_id: c.id,
    occurred_at: c.at,
    description: `Clawback ${c.id} waived: the platform bears the instructor's share`,
    ...link,
    lines: waivedClawbackLines(payable, c.source, c.amount),
  }));
}

function refundTransactions(
  ctx: ProjectionContext,
  root: string,
  s: RefundShare,
  to: { prepaid: string; payable: string | null; amounts: PaymentAmounts },
  link: Pick<JournalTx, 'payment_id' | 'instructor_id' | 'learner_id'>,
): JournalTx[] {
  if (s.status === 'canceled' || s.amount <= 0) return [];
  const r = s.refund;
  const base = { source_type: 'refund', source_id: r.id, ...link };
  const lines =
    s.used && to.payable
      ? usedHoursRefundLines(
          to.prepaid,
          to.payable,
          s.amount,
          s.discountShare,
          hourShares(to.amounts, s.used.from, s.used.from + s.used.hours),
          s.kept,
        )
      : refundLines(to.prepaid, s.amount, s.discountShare, s.kept);
  const txs: JournalTx[] = [
    {
      ...base,
      id: `refund:${r.id}`,
      kind: 'refund',
      occurred_at: createdMs(r),
      description: `Refund ${r.id}${s.hours ? ` of ${s.hours} h` : ''}`,
      lines,
    },
  ];
  if (s.status === 'failed') {
    const failureId = idOf(r.failure_balance_transaction);
    if (failureId) ctx.ref(failureId, root);
    const failure = failureId ? ctx.object(failureId) : undefined;
    txs.push({
      ...base,
      id: `refund-failure:${r.id}`,
      kind: 'refund_failure',
      occurred_at: failure ? createdMs(failure) : createdMs(r),
      description: `Refund ${r.id} failed: the money came back`,
      lines: reversedLines(lines),
    });
  }
  return txs;
}

function writeRefundRow(ctx: ProjectionContext, paymentId: string, s: RefundShare): boolean {
  const r = s.refund;
  const existing = ctx.stmt('SELECT id FROM refunds WHERE stripe_refund_id = ?').pluck().get(r.id) as
    string | undefined;
  const created = createdMs(r);
  const status = s.status === 'requires_action' ? 'pending' : s.status;
  return (
    writeRow(
      ctx,
      'refunds',
      'refund',
      {
        id: existing ?? uuidFrom(`refund:${r.id}`),
        payment_id: paymentId,
        stripe_refund_id: r.id,
        amount_pence: s.amount,
        reason: str(r.reason) ?? 'unspecified',
        status,
        hours: s.hours,
        used_hours: s.used?.hours ?? 0,
        created_at: created,
        updated_at: created,
      },
      existing && existing !== uuidFrom(`refund:${r.id}`) ? ['reason', 'created_at', 'hours'] : [],
    ) !== null
  );
}
