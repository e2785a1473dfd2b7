// What Stripe itself says about a period, read live through the workspace's gateway: charges, transfers, the
// platform's bank payouts with the balance transactions each carried, and the balance now.
import type Stripe from 'stripe';
import { listCreated } from '../stripe/created-slices';
import type { StripeGateway } from '../stripe/gateway';
import type { ListParams } from '../stripe/resources';
import type { Span } from './period';

export interface StripeCharge {
  id: string;
  paymentIntent: string | null;
  amount: number;
  amountRefunded: number;
  status: string;
  disputed: boolean;
  created: number;
}

export interface StripeTransfer {
  id: string;
  amount: number;
  amountReversed: number;
  destination: string | null;
  created: number;
}

export interface StripeBankPayout {
  id: string;
  amount: number;
  status: string;
  automatic: boolean;
  created: number;
  /** Σ net of the balance transactions Stripe lists for the payout (null for manual payouts: Stripe lists none). */
  carriedPence: number | null;
  /** How many balance transactions Stripe lists for the payout (0 for manual payouts). */
  carriedCount: number;
}

export interface StripeSide {
  /** Charges created from a day before the period to a day after it (to match payments near its edges). */
  charges: StripeCharge[];
  transfers: StripeTransfer[];
  payouts: StripeBankPayout[];
  /** Available + pending, GBP, now. */
  balancePence: number;
  /** Stripe's clock when the balance was read, the read's last request (epoch seconds). */
  balanceAt: number;
  /**
   * True when this side is the kept read as it now stands (served from it, or kept): what changes after it is noted
   * by triggers, so a check proven against it stays proven (src/main/recon/payment-proof.ts).
   */
  kept?: boolean;
}

const DAY_S = 86_400;
const CARRIED_DAYS = 14;
const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? ((v as { id?: string }).id ?? null) : null;

/** Told after each page Stripe answered: how many objects it held, and of which list. */
export type OnPage = (objects: number, endpoint: string) => void;

/** Created ranges (epoch seconds, [gte, lt)) a span is read over: transfers and payouts, and charges a day wider. */
export function createdRanges(span: Span) {
  const seconds = { gte: Math.floor(span.start / 1000), lt: Math.ceil(span.end / 1000) };
  return { seconds, wide: { gte: seconds.gte - DAY_S, lt: seconds.lt + DAY_S } };
}

/** Lists one resource created in [gte, lt), each object cut to what is kept as its page arrives. */
export const listCut = <T extends { id: string; created: number }, K>(
  gateway: StripeGateway,
  onPage: OnPage,
  endpoint: string,
  range: { gte: number | null; lt: number | null },
  list: (stripe: Stripe, params: ListParams) => Promise<Stripe.ApiList<T>>,
  keep: (object: T) => K,
  floor: number | null = null,
) => listCreated(gateway, { endpoint, range, floor, list }, (n) => onPage(n, endpoint), keep);

export const chargeFields = (c: Stripe.Charge): StripeCharge => ({
  id: c.id,
  paymentIntent: idOf(c.payment_intent),
  amount: c.amount,
  amountRefunded: c.amount_refunded,
  status: c.status,
  disputed: c.disputed,
  created: c.created * 1000,
});

export const transferFields = (t: Stripe.Transfer): StripeTransfer => ({
  id: t.id,
  amount: t.amount,
  amountReversed: t.amount_reversed,
  destination: idOf(t.destination),
  created: t.created * 1000,
});

/** A payout's fields, with the balance transactions it carried listed again. */
export async function bankPayout(
  gateway: StripeGateway,
  onPage: OnPage,
  p: Stripe.Payout,
): Promise<StripeBankPayout> {
  const fields = {
    id: p.id,
    amount: p.amount,
    status: p.status,
    automatic: p.automatic,
    created: p.created * 1000,
  };
  // Most of what a payout carried was created in the fortnight before it: the slices go there.
  const listed = p.automatic
    ? await listCut(
        gateway,
        onPage,
        'GET /v1/balance_transactions',
        { gte: null, lt: null },
        (s, params) => s.balanceTransactions.list({ ...params, payout: p.id }),
        (bt) => ({ net: bt.net }),
        p.created - CARRIED_DAYS * DAY_S,
      )
    : null;
  return {
    ...fields,
    carriedPence: listed ? listed.reduce((sum, bt) => sum + bt.net, 0) : null,
    carriedCount: listed ? listed.length : 0,
  };
}

/** The platform's balance now: available + pending, GBP, and Stripe's clock then. */
export async function readBalance(
  gateway: StripeGateway,
  onPage: OnPage,
): Promise<Pick<StripeSide, 'balancePence' | 'balanceAt'>> {
  const { value: balance, observedAt } = await gateway.timed('GET /v1/balance', (s) => s.balance.retrieve());
  onPage(1, 'GET /v1/balance');
  const gbp = (parts: { amount: number; currency: string }[]) =>
    parts.filter((b) => b.currency === 'gbp').reduce((sum, b) => sum + b.amount, 0);
  return { balancePence: gbp(balance.available) + gbp(balance.pending), balanceAt: observedAt };
}

export async function readStripeSide(
  gateway: StripeGateway,
  span: Span,
  onPage: OnPage = () => {},
): Promise<StripeSide> {
  const { seconds, wide } = createdRanges(span);
  // Each object is cut to the fields the checks compare as its page arrives, so the SDK's full objects never pile up
  // (holding ten thousand charges until the end cost more in garbage collection than parsing them).
  const charges = await listCut(
    gateway,
    onPage,
    'GET /v1/charges',
    wide,
    (s, p) => s.charges.list(p),
    chargeFields,
  );
  const transfers = await listCut(
    gateway,
    onPage,
    'GET /v1/transfers',
    seconds,
    (s, p) => s.transfers.list(p),
    transferFields,
  );
  const payouts = await listCut(
    gateway,
    onPage,
    'GET /v1/payouts',
    seconds,
    (s, p) => s.payouts.list(p),
    (p) => p,
  );
  const bankPayouts: StripeBankPayout[] = [];
  for (const p of payouts) bankPayouts.push(await bankPayout(gateway, onPage, p));
  return { charges, transfers, payouts: bankPayouts, ...(await readBalance(gateway, onPage)) };
}
