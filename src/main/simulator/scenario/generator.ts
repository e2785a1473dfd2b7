// The seeded marketplace: instructors, learners, payments, lessons, refunds and Friday transfers, day by day.
import { SimulatorState } from '../state/state';
import { Prng } from '../core/prng';
import { DAY, HOUR, parseInstant, londonDate, payableFriday, weekday } from '../core/dates';
import { lessonAmounts } from '../core/money';
import { StripeApiError } from '../core/errors';
import { advanceTo } from '../ops/clock';
import { createAccount } from '../ops/accounts';
import { createPayment } from '../ops/payments';
import { createRefund } from '../ops/refunds';
import { createTransfer } from '../ops/transfers';
import { closeDispute, openDispute } from '../ops/disputes';
import { createCoupon, createPromotionCode } from '../ops/coupons';
import { CreditBook, type Lot } from './credits';
import { makeInstructor, makeLearner } from './people';
import { resolveOptions } from './presets';
import { completionsToCsv } from './csv';
import { plantAnomalies, type AnomalyPlan } from './anomalies';
import type {
  Instructor,
  Learner,
  LessonCompletion,
  MarketplacePayout,
  ScenarioOptions,
  ScenarioPreset,
  ScenarioResult,
} from './types';

export interface GeneratedScenario {
  state: SimulatorState;
  result: ScenarioResult;
}

interface Code {
  code: string;
  pct: number;
  kind: 'discount' | 'referral';
  owner: string | null;
  max: number | null;
  expires: number | null;
  uses: number;
}

type Task =
  | { kind: 'complete'; key: string; learnerId: string; instructorId: string; hours: number }
  | { kind: 'refund'; lot: Lot }
  | { kind: 'dispute'; paymentId: string }
  | { kind: 'closeDispute'; disputeId: string; outcome: 'won' | 'lost' };

/** Shared by the generator and the anomaly planter. */
export interface GenContext {
  state: SimulatorState;
  o: Required<ScenarioOptions>;
  t0: number;
  days: number;
  instructors: Instructor[];
  book: CreditBook;
  lots: Lot[];
  uuid: Prng;
  result: ScenarioResult;
  at: (t: number) => void;
}

const NO_ANOMALIES: AnomalyPlan = { morning: () => {}, evening: () => {} };

/** Whether the payment's charge has a dispute open or lost: Stripe refuses to refund it (ops/refunds.ts). */
function chargedBack(state: SimulatorState, paymentId: string): boolean {
  const disputeId = state.payments.get(paymentId)!.disputeId;
  return disputeId !== null && state.disputes.get(disputeId)!.status !== 'won';
}

export function generateScenario(
  input: ScenarioOptions | ScenarioPreset = 'demo',
  into?: SimulatorState,
): GeneratedScenario {
  const o = resolveOptions(input);
  const t0 = parseInstant(o.startDate);
  const state = into ?? new SimulatorState(o.seed, t0);
  if (state.now > t0) throw new Error(`the scenario starts ${o.startDate}, before the simulator's clock`);
  advanceTo(state, t0);
  Object.assign(state.settings, {
    platformPayoutSchedule: 'weekly',
    cardFeeBps: o.stripeFeeBps,
    cardFeeFixed: o.stripeFeeFixed,
  });
  state.pruneEvents = o.leanEvents;

  const root = new Prng(o.seed);
  const people = root.fork(1);
  const rnd = root.fork(2);
  const uuid = root.fork(3);
  const days = o.weeks * 7;
  const completions: LessonCompletion[] = [];
  const payouts: MarketplacePayout[] = [];
  const result: ScenarioResult = {
    seed: o.seed,
    startDate: o.startDate,
    endsAt: t0 + days * DAY,
    instructors: [],
    learnerCount: o.learners,
    learners: [],
    completions,
    completionCount: 0,
    anomalies: [],
    payouts,
    counts: {
      payments: 0,
      declined: 0,
      refunds: 0,
      disputes: 0,
      transfers: 0,
      transferFailures: 0,
      heldForRestrictedAccount: 0,
      completions: 0,
      events: 0,
    },
    completionsCsv: () => completionsToCsv(completions),
  };
  const at = (t: number) => {
    if (t > state.now) advanceTo(state, t);
  };
  const ctx: GenContext = {
    state,
    o,
    t0,
    days,
    instructors: result.instructors,
    book: new CreditBook(),
    lots: [],
    uuid,
    result,
    at,
  };

  // Accounts, learners, codes.
  at(t0 + 7 * HOUR);
  for (let i = 0; i < o.instructors; i++) {
    const p = makeInstructor(people, i);
    const acct = createAccount(state, {
      email: p.email,
      name: p.name,
      metadata: { lplate_instructor_id: p.id },
      payoutSchedule: o.leanEvents ? 'manual' : 'weekly',
    });
    result.instructors.push({ ...p, accountId: acct.id });
  }
  const learners: Learner[] = [];
  const home: number[] = [];
  for (let i = 0; i < o.learners; i++) {
    learners.push(makeLearner(people, i));
    home.push(rnd.int(0, o.instructors - 1));
  }
  result.learners = learners;
  // Without anomalies, a referral code is created once its owner has paid: the console knows learners from their
  // payments, so a code naming a learner who never paid would be one more unattributed object.
  const { codes, paid } = makeCodes(state, rnd, learners, t0 + days * DAY, !o.anomalies);

  const tasks: Task[][] = Array.from({ length: days + 60 }, () => []);
  const schedule = (day: number, task: Task) => tasks[day]?.push(task);
  const plan: AnomalyPlan = o.anomalies ? plantAnomalies(ctx) : NO_ANOMALIES;
  let friday = 0;

  for (let day = 0; day < days; day++) {
    const dayStart = t0 + day * DAY;
    // 06:00 — Dashboard refunds, disputes and dispute outcomes that fall due today.
    at(dayStart + 6 * HOUR);
    for (const task of tasks[day]!) {
      if (task.kind === 'refund') {
        const asked = rnd.int(1, task.lot.hours);
        // A charge disputed first cannot be refunded (the dispute already took the money back), as in Stripe. Checked
        // after the draw, so every scenario that never met this case draws and generates exactly as before.
        if (chargedBack(state, task.lot.paymentId)) continue;
        const { hours, amount } = ctx.book.refundFromBack(task.lot, asked);
        if (hours === 0) continue;
        createRefund(state, { paymentId: task.lot.paymentId, amount, reason: 'requested_by_customer' });
        result.counts.refunds++;
      } else if (task.kind === 'dispute') {
        const p = state.payments.get(task.paymentId)!;
        if (p.disputeId || p.amountRefunded > 0) continue;
        const d = openDispute(
          state,
          p.chargeId,
          rnd.pick(['fraudulent', 'product_not_received', 'duplicate']),
        );
        result.counts.disputes++;
        schedule(day + 21, {
          kind: 'closeDispute',
          disputeId: d.id,
          outcome: rnd.chanceBps(5000) ? 'won' : 'lost',
        });
      } else if (task.kind === 'closeDispute') {
        closeDispute(state, task.disputeId, task.outcome);
      }
    }
    plan.morning(day);
    // 07:00 on Fridays — the marketplace's payout run (only for the Fridays it already paid).
    const date = londonDate(dayStart + 12 * HOUR);
    if (weekday(date) === 5) {
      at(dayStart + 7 * HOUR);
      if (friday < o.paidFridays) payFriday(ctx, date);
      friday++;
    }
    // 08:00–20:00 — payments.
    const count = Math.floor(((day + 1) * o.paymentsPerWeek) / 7) - Math.floor((day * o.paymentsPerWeek) / 7);
    for (let k = 0; k < count; k++) {
      at(dayStart + 8 * HOUR + Math.floor((k * 12 * HOUR) / count));
      const li = rnd.int(0, o.learners - 1);
      const learner = learners[li]!;
      const inst = result.instructors[rnd.chanceBps(9000) ? home[li]! : rnd.int(0, o.instructors - 1)]!;
      const pack = rnd.chanceBps(o.creditPackBps);
      const hours = pack ? rnd.pick([5, 10]) : rnd.pick([1, 1, 1, 2]);
      const code = rnd.chanceBps(o.codeBps) ? pickCode(rnd, codes, learner.id, state.now) : undefined;
      const amounts = lessonAmounts(hours, inst.ratePence, code?.pct ?? 0);
      const metadata: Record<string, string> = {
        lplate_learner_id: learner.id,
        lplate_learner_email: learner.email,
        lplate_learner_name: learner.name,
        lplate_instructor_id: inst.id,
        lplate_payment_type: pack ? 'credit_pack' : 'lesson',
        lplate_hours: String(hours),
        lplate_rate_pence: String(inst.ratePence),
      };
      if (code)
        metadata[code.kind === 'discount' ? 'lplate_discount_code' : 'lplate_referral_code'] = code.code;
      const description = pack
        ? `LPlate credit pack (${hours} h) with ${inst.name}`
        : `LPlate lesson (${hours} h) with ${inst.name}`;
      if (rnd.chanceBps(o.declineBps)) {
        createPayment(state, {
          amount: amounts.charge,
          paymentMethod: 'pm_card_chargeDeclined',
          metadata,
          description,
          receiptEmail: learner.email,
        });
        result.counts.declined++;
      }
      const p = createPayment(state, {
        amount: amounts.charge,
        paymentMethod: 'pm_card_visa',
        metadata,
        description,
        receiptEmail: learner.email,
      });
      result.counts.payments++;
      paid(learner.id);
      if (code) code.uses++;
      const key = CreditBook.key(learner.id, inst.id);
      const lot: Lot = {
        paymentId: p.id,
        hours,
        used: 0,
        refunded: 0,
        instructorAmount: amounts.instructor,
        charge: amounts.charge,
      };
      ctx.book.addLot(key, lot);
      if (ctx.lots.length < 5000) ctx.lots.push(lot);
      const complete = (d: number, h: number) =>
        schedule(d, { kind: 'complete', key, learnerId: learner.id, instructorId: inst.id, hours: h });
      if (!pack) complete(day + rnd.int(1, 6), hours);
      else {
        const stopsEarly = rnd.chanceBps(1500);
        for (let left = hours, d = day + 2; left > 0 && !(stopsEarly && left <= 3); d += rnd.int(5, 9)) {
          const h = Math.min(left, rnd.int(1, 2));
          complete(d, h);
          left -= h;
        }
      }
      if (rnd.chanceBps(o.refundBps)) schedule(day + rnd.int(1, 14), { kind: 'refund', lot });
      if (rnd.chanceBps(o.disputeBps)) schedule(day + rnd.int(7, 30), { kind: 'dispute', paymentId: p.id });
    }
    // 21:00–24:00 — lessons completed today.
    const todays = tasks[day]!.filter((t) => t.kind === 'complete');
    todays.forEach((task, i) => {
      const t = dayStart + 21 * HOUR + Math.floor((i * 3 * HOUR) / todays.length);
      at(t);
      const { hours, earned } = ctx.book.consume(task.key, task.hours);
      if (hours === 0) return;
      ctx.book.addEarning(task.instructorId, payableFriday(londonDate(t)), earned);
      result.counts.completions++;
      const row = {
        id: uuid.uuid(),
        learnerId: task.learnerId,
        instructorId: task.instructorId,
        hours,
        completedAt: t,
      };
      if (o.keepCompletions) completions.push(row);
    });
    plan.evening(day);
    tasks[day] = [];
  }
  at(t0 + days * DAY);
  result.completionCount = result.counts.completions;
  result.counts.events = state.events.emitted;
  return { state, result };

  function payFriday(c: GenContext, date: string): void {
    const group = `payout-${date}`;
    for (const inst of c.instructors) {
      const due = c.book.due(inst.id, date);
      if (due.amount <= 0) continue;
      const acct = state.accounts.get(inst.accountId)!;
      if (!acct.payoutsEnabled) {
        result.counts.heldForRestrictedAccount++;
        continue;
      }
      const id = uuid.uuid();
      const row: MarketplacePayout = {
        id,
        instructorId: inst.id,
        amountPence: due.amount,
        payoutDate: date,
        stripeTransferId: null,
        status: 'failed',
        failureCode: null,
      };
      try {
        const tr = createTransfer(state, {
          amount: due.amount,
          destination: inst.accountId,
          transferGroup: group,
          metadata: { lplate_payout_id: id, lplate_instructor_id: inst.id, lplate_payout_date: date },
        });
        due.settle();
        row.status = 'paid';
        row.stripeTransferId = tr.id;
        result.counts.transfers++;
      } catch (err) {
        if (!(err instanceof StripeApiError)) throw err;
        row.failureCode = err.body.code ?? 'unknown';
        result.counts.transferFailures++;
      }
      if (o.keepCompletions) payouts.push(row);
    }
  }
}

/** The codes, and what to call when a learner pays (it creates their referral codes when these wait for that). */
function makeCodes(
  state: SimulatorState,
  rnd: Prng,
  learners: Learner[],
  end: number,
  referralsAfterPayment: boolean,
): { codes: Code[]; paid: (learnerId: string) => void } {
  const codes: Code[] = [];
  const waiting = new Map<string, (() => void)[]>();
  const discounts: [string, number, number | null, number | null][] = [
    ['WELCOME10', 10, null, null],
    ['SUMMER15', 15, null, end - 14 * DAY],
    ['LPLATE20', 20, 40, null],
  ];
  for (const [code, pct, max, expires] of discounts) {
    const coupon = createCoupon(state, {
      id: `lplate-${code.toLowerCase()}`,
      name: `${code} (${pct}% off)`,
      percentOff: pct,
      maxRedemptions: max,
    });
    createPromotionCode(state, {
      coupon: coupon.id,
      code,
      maxRedemptions: max,
      expiresAt: expires,
      metadata: { lplate_code_kind: 'discount' },
    });
    codes.push({ code, pct, kind: 'discount', owner: null, max, expires, uses: 0 });
  }
  const referral = createCoupon(state, {
    id: 'lplate-referral-10',
    name: 'Referral (10% off)',
    percentOff: 10,
  });
  const referrers = Math.min(20, Math.max(1, Math.floor(learners.length / 20)));
  for (let i = 0; i < referrers; i++) {
    const owner = learners[rnd.int(0, learners.length - 1)]!;
    const create = () => {
      const code = `REF-${state.ids.token(6).toUpperCase()}`;
      createPromotionCode(state, {
        coupon: referral.id,
        code,
        metadata: { lplate_code_kind: 'referral', lplate_referrer_id: owner.id },
      });
      codes.push({ code, pct: 10, kind: 'referral', owner: owner.id, max: null, expires: null, uses: 0 });
    };
    if (referralsAfterPayment) waiting.set(owner.id, [...(waiting.get(owner.id) ?? []), create]);
    else create();
  }
  const paid = (learnerId: string) => {
    const creates = waiting.get(learnerId);
    if (!creates) return;
    waiting.delete(learnerId);
    for (const create of creates) create();
  };
  return { codes, paid };
}

function pickCode(rnd: Prng, codes: Code[], learnerId: string, now: number): Code | undefined {
  const usable = codes.filter(
    (c) =>
      c.owner !== learnerId &&
      (c.max === null || c.uses < c.max) &&
      (c.expires === null || now < c.expires) &&
      (c.kind === 'discount' || rnd.chanceBps(3000)),
  );
  return usable.length === 0 ? undefined : rnd.pick(usable);
}
