// Keeping Stripe in step with a code's definition: what Stripe has for a code text now, the writes that bring its
// promotion code in line (a coupon per percentage, a promotion code per set of terms, pausing and resuming), and how
// the code stands in Stripe for people — in step, on its way, refused with the reason, or out of step.
import { randomUUID } from 'node:crypto';
import type { CodeStripeState } from '../../shared/contract/codes';
import type { Sqlite } from '../db/open';
import { statement } from '../db/statements';
import { byRootNumber, OBJECTS_READ_SQL } from '../db/projection-keys';
import type { AnyStripeWrite } from '../outbox/index';
import { isFinal, jobItem, requestById, type RequestState, type StripeRequest } from '../outbox/requests';
import type { FollowUp } from '../outbox/sender';
import { couponTermsDiffer } from '../outbox/stripe-writes';
import { londonDate } from '../../shared/dates';
import type { StripeJson } from '../stripe/json';
import {
  codeTextRoot,
  expiresAtOf,
  mirroredPromotion,
  promotionTerms,
  type PromotionTerms,
} from './code-text';
import { definitionById, type CodeDefinition } from './definitions';

/** The intent every write for a code carries (its requests are found by the code's id). */
export const CODE_INTENT = 'code';
const COUPON_INTENT = 'coupon';

/** The coupon every code of a percentage shares: made once, by the console, with nothing but the percentage. */
export const couponIdFor = (percentage: number) => `lplate-percent-${percentage}`;

/** The terms of the console's coupons: a percentage off one payment, nothing else. */
const couponTerms = (percentage: number) => ({ percent_off: percentage, duration: 'once' as const });

/** What Stripe has (as last synced or answered) for a code text. */
export interface StripeSide {
  all: PromotionTerms[];
  mirrored: PromotionTerms | null;
  /** Redemptions Stripe counted on every promotion code of the text. */
  redeemed: number;
}

export function stripeSide(sqlite: Sqlite, code: string, definitionId: string | null): StripeSide {
  const payloads = byRootNumber(
    sqlite,
    codeTextRoot(code),
    `SELECT o.payload FROM (${OBJECTS_READ_SQL}) r JOIN stripe_object_states o ON o.id = r.object_id
     WHERE +o.object_type = 'promotion_code' ORDER BY o.created, o.id`,
  ) as string[];
  const coupon = statement(sqlite, 'SELECT payload FROM stripe_object_states WHERE id = ?', 'pluck');
  const all = payloads.map((payload) => {
    const promo = JSON.parse(payload) as StripeJson;
    const couponId = promotionTerms(promo, undefined).couponId;
    const couponPayload = couponId ? (coupon.get(couponId) as string | undefined) : undefined;
    return promotionTerms(promo, couponPayload ? (JSON.parse(couponPayload) as StripeJson) : undefined);
  });
  return {
    all,
    mirrored: mirroredPromotion(
      all,
      definitionId,
      definitionId ? lastPromotionMade(sqlite, definitionId) : null,
    ),
    redeemed: all.reduce((n, t) => n + t.timesRedeemed, 0),
  };
}

/** The promotion code the console last made for a code (what its row mirrors while Stripe has it). */
export function lastPromotionMade(sqlite: Sqlite, codeId: string): string | null {
  return (
    (statement(
      sqlite,
      `SELECT stripe_object_id FROM stripe_requests WHERE intent_type = ? AND intent_id = ?
           AND kind = 'promotion_code.create' AND state = 'succeeded' ORDER BY seq DESC LIMIT 1`,
      'pluck',
    ).get(CODE_INTENT, codeId) as string | null | undefined) ?? null
  );
}

/** Whether Stripe has anything, usable or not, under this text (a new code may not reuse it). */
export function textExistsInStripe(sqlite: Sqlite, code: string): boolean {
  return (
    byRootNumber(sqlite, codeTextRoot(code), 'SELECT 1 FROM projection_refs WHERE root_key = ? LIMIT 1')
      .length > 0
  );
}

/** Stripe's whole-code limit for the mirrored promotion code: its own limit plus what earlier codes of the text used. */
function stripeLimit(side: StripeSide): number | null {
  const m = side.mirrored!;
  if (m.maxRedemptions === null) return null;
  return m.maxRedemptions + side.all.filter((t) => t !== m).reduce((n, t) => n + t.timesRedeemed, 0);
}

/** Why the mirrored promotion code no longer carries the definition's terms (a new one is needed), or null. */
function termsDiffer(d: CodeDefinition, side: StripeSide): string | null {
  const m = side.mirrored!;
  if (m.coupon?.valid === false) return 'its coupon was deleted in Stripe';
  if (m.percentage !== d.percentage) return `${m.percentage}% in Stripe`;
  if (m.expiresOn !== d.expiresOn) return `expiry ${m.expiresOn ?? 'none'} in Stripe`;
  if (stripeLimit(side) !== d.maxUses) return `limit ${stripeLimit(side) ?? 'none'} in Stripe`;
  return null;
}

/** Whether the code can still be used at all: a promotion code for it would be refused or pointless otherwise. */
function spent(d: CodeDefinition, side: StripeSide, today: string): boolean {
  return (d.expiresOn !== null && d.expiresOn < today) || (d.maxUses !== null && side.redeemed >= d.maxUses);
}

/** A coupon a promotion code is made on, and the write it must wait for (null: Stripe has the coupon). */
interface Coupon {
  id: string;
  after: string | null;
}

/** Plans one submission's writes: codes of one percentage share one coupon write. */
export class MirrorPlanner {
  private readonly coupons = new Map<string, Coupon>();
  readonly writes: AnyStripeWrite[] = [];
  /** Why each planned code needed writes, for people. */
  readonly reasons: string[] = [];

  constructor(
    private readonly sqlite: Sqlite,
    private readonly today: string,
  ) {}

  /** Adds the writes that bring Stripe in step with `d`; returns how many it added. */
  plan(d: CodeDefinition): number {
    const before = this.writes.length;
    const side = stripeSide(this.sqlite, d.code, d.id);
    const m = side.mirrored;
    const usable = !spent(d, side, this.today);
    const activeInStripe = m?.promo.active === true;
    const differs = m ? termsDiffer(d, side) : 'not in Stripe yet';
    if (differs) {
      // Stripe cannot change a promotion code's terms. The old one is retired first; the one with the new terms
      // follows once Stripe has answered (`codeFollowUp`), so its limit counts every use the old one took.
      if (activeInStripe) this.setActive(d, m!.promo.id, false, `Retire the old promotion code of ${d.code}`);
      else if (usable) {
        const coupon = this.coupon(d.percentage);
        this.create(d, side, coupon.id, coupon.after);
      }
      if (this.writes.length > before) this.reasons.push(differs);
    } else if (activeInStripe && !d.isActive) {
      this.setActive(d, m!.promo.id, false, `Deactivate ${d.code}`);
      this.reasons.push('active in Stripe');
    } else if (!activeInStripe && d.isActive && usable) {
      // A spent code stays as it is: Stripe refuses it past its limit or expiry anyway.
      this.setActive(d, m!.promo.id, true, `Reactivate ${d.code}`);
      this.reasons.push('inactive in Stripe');
    }
    return this.writes.length - before;
  }

  /**
   * The coupon of a percentage, and this submission's request making it (null: Stripe has it). A coupon id Stripe
   * holds with other terms or cannot use (deleted), or refused, is passed over for the next version
   * (`lplate-percent-10-v2`). A coupon another submission is still making is asked for again under its id (Stripe
   * answers that it exists, and the answer is checked): a write never waits for another job's.
   */
  private coupon(percentage: number): Coupon {
    const key = couponIdFor(percentage);
    const known = this.coupons.get(key);
    if (known) return known;
    const stored = statement(this.sqlite, 'SELECT payload FROM stripe_object_states WHERE id = ?', 'pluck');
    const states = statement(
      this.sqlite,
      `SELECT DISTINCT state FROM stripe_requests WHERE intent_type = '${COUPON_INTENT}' AND intent_id = ?`,
      'pluck',
    );
    const choose = (): Coupon => {
      for (let version = 1; ; version++) {
        const id = version === 1 ? key : `${key}-v${version}`;
        const payload = stored.get(id) as string | undefined;
        if (payload !== undefined) {
          if (couponTermsDiffer(couponTerms(percentage), JSON.parse(payload) as StripeJson) === null)
            return { id, after: null };
          continue;
        }
        const made = states.all(id) as string[];
        if (made.includes('succeeded')) return { id, after: null };
        if (made.includes('failed')) continue;
        return { id, after: this.newCoupon(id, percentage) };
      }
    };
    const coupon = choose();
    this.coupons.set(key, coupon);
    return coupon;
  }

  private newCoupon(id: string, percentage: number): string {
    const request = randomUUID();
    this.writes.push({
      id: request,
      kind: 'coupon.create',
      params: { id, ...couponTerms(percentage), name: `${percentage}% off (LPlate codes)` },
      idempotencyKey: `coupon:${id}:${request}`,
      intent: { type: COUPON_INTENT, id },
      description: `Create the ${percentage}% coupon`,
    });
    return request;
  }

  private create(d: CodeDefinition, side: StripeSide, coupon: string, after: string | null): void {
    const id = randomUUID();
    const remaining = d.maxUses === null ? null : d.maxUses - side.redeemed;
    this.writes.push({
      id,
      kind: 'promotion_code.create',
      params: {
        promotion: { type: 'coupon', coupon },
        code: d.code,
        active: d.isActive,
        ...(remaining !== null ? { max_redemptions: remaining } : {}),
        ...(d.expiresOn !== null ? { expires_at: expiresAtOf(d.expiresOn) } : {}),
        metadata: {
          lplate_code_id: d.id,
          lplate_code_kind: d.kind,
          ...(d.referrerId ? { lplate_referrer_id: d.referrerId } : {}),
        },
      },
      idempotencyKey: `promotion-code:${d.id}:${id}`,
      intent: { type: CODE_INTENT, id: d.id },
      after,
      description: `Create ${d.code}`,
    });
  }

  private setActive(d: CodeDefinition, promoId: string, active: boolean, description: string): void {
    const id = randomUUID();
    this.writes.push({
      id,
      kind: 'promotion_code.update',
      target: promoId,
      params: { active },
      idempotencyKey: `promotion-code-active:${id}`,
      intent: { type: CODE_INTENT, id: d.id },
      description,
    });
  }
}

/** The state of a code's write still on its way to Stripe (the newest), if any. */
export function openWriteOf(sqlite: Sqlite, codeId: string): RequestState | undefined {
  return statement(
    sqlite,
    `SELECT state FROM stripe_requests WHERE intent_type = ? AND intent_id = ? AND state IN ('pending', 'sent', 'unknown')
       ORDER BY seq DESC LIMIT 1`,
    'pluck',
  ).get(CODE_INTENT, codeId) as RequestState | undefined;
}

/** A plan that never converged must not write to Stripe for ever: a job makes at most this many writes per code. */
const MAX_WRITES_PER_CODE_AND_JOB = 8;

/**
 * Once a code's last write on its way succeeded: the writes that still bring Stripe in step with its definition
 * (changed meanwhile, or a retired promotion code to replace). Runs inside the commit of that success.
 */
export const codeFollowUp: FollowUp = (sqlite, done, now) => {
  const d = definitionById(sqlite, done.intentId);
  if (!d || openWriteOf(sqlite, d.id) !== undefined) return [];
  const made = statement(
    sqlite,
    'SELECT count(*) FROM stripe_requests WHERE job_id IS ? AND intent_type = ? AND intent_id = ?',
    'pluck',
  ).get(done.jobId, CODE_INTENT, d.id) as number;
  if (made >= MAX_WRITES_PER_CODE_AND_JOB) return [];
  const planner = new MirrorPlanner(sqlite, londonDate(now));
  planner.plan(d);
  return planner.writes;
};

/** How a code stands in Stripe now. */
export function stripeStateOf(sqlite: Sqlite, d: CodeDefinition | null, today: string): CodeStripeState {
  if (!d) return { state: 'stripe_only' };
  const latest = statement(
    sqlite,
    `SELECT id FROM stripe_requests WHERE intent_type = ? AND intent_id = ? ORDER BY (state IN ('pending', 'sent', 'unknown')) DESC, seq DESC LIMIT 1`,
    'pluck',
  ).get(CODE_INTENT, d.id) as string | undefined;
  const last = latest ? requestById(sqlite, latest) : null;
  if (last && !isFinal(last.state))
    return { state: 'sending', detail: jobItem(last).detail, jobId: last.jobId };
  const planner = new MirrorPlanner(sqlite, today);
  if (planner.plan(d) === 0) return { state: 'in_step' };
  if (last && (last.state === 'failed' || last.state === 'canceled'))
    return { state: 'refused', reason: whyNotDone(sqlite, last), jobId: last.jobId };
  return { state: 'out_of_step', reason: `${d.code}: ${planner.reasons.join('; ')}.` };
}

/** Why a write did not happen: its own refusal, or the refusal of the write it waited for. */
function whyNotDone(sqlite: Sqlite, r: StripeRequest): string {
  const needed = r.state === 'canceled' && r.dependsOn ? requestById(sqlite, r.dependsOn) : null;
  if (needed && (needed.state === 'failed' || needed.state === 'canceled')) return whyNotDone(sqlite, needed);
  return r.errorMessage ?? `“${r.description}” was cancelled before it was sent.`;
}
