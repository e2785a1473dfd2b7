// What Stripe itself says about a period, read live through the workspace's gateway: charges, transfers, the
// platform's bank payouts with the balance transactions each carried, and the balance now.
import type Stripe from 'stripe';
import type { StripeGateway } from '../stripe/gateway';
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
  carriedIds: string[];
}

export interface StripeSide {
  /** Charges created from a day before the period to a day after it (to match payments near its edges). */
  charges: StripeCharge[];
  transfers: StripeTransfer[];
  payouts: StripeBankPayout[];
  /** Available + pending, GBP, now. */
  balancePence: number;
}

const DAY_S = 86_400;
const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? ((v as { id?: string }).id ?? null) : null;

/** Told after each page Stripe answered: how many objects it held, and of which list. */
export type OnPage = (objects: number, endpoint: string) => void;

/** Every page of a list. */
async function all<T extends { id: string }>(
  gateway: StripeGateway,
  endpoint: string,
  page: (stripe: Stripe, startingAfter: string | undefined) => Promise<Stripe.ApiList<T>>,
  onPage: OnPage,
): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const list = await gateway.call(endpoint, (s) => page(s, after));
    out.push(...list.data);
    onPage(list.data.length, endpoint);
    if (!list.has_more || list.data.length === 0) return out;
    after = list.data.at(-1)!.id;
  }
}

export async function readStripeSide(
  gateway: StripeGateway,
  span: Span,
  onPage: OnPage = () => {},
): Promise<StripeSide> {
  const seconds = { gte: Math.floor(span.start / 1000), lt: Math.ceil(span.end / 1000) };
  const wide = { gte: seconds.gte - DAY_S, lt: seconds.lt + DAY_S };
  const charges = await all(
    gateway,
    'GET /v1/charges',
    (s, after) => s.charges.list({ limit: 100, created: wide, ...(after ? { starting_after: after } : {}) }),
    onPage,
  );
  const transfers = await all(
    gateway,
    'GET /v1/transfers',
    (s, after) =>
      s.transfers.list({ limit: 100, created: seconds, ...(after ? { starting_after: after } : {}) }),
    onPage,
  );
  const payouts = await all(
    gateway,
    'GET /v1/payouts',
    (s, after) =>
      s.payouts.list({ limit: 100, created: seconds, ...(after ? { starting_after: after } : {}) }),
    onPage,
  );
  const bankPayouts: StripeBankPayout[] = [];
  for (const p of payouts) {
    let carried: Stripe.BalanceTransaction[] | null = null;
    if (p.automatic)
      carried = await all(
        gateway,
        'GET /v1/balance_transactions',
        (s, after) =>
          s.balanceTransactions.list({
            limit: 100,
            payout: p.id,
            ...(after ? { starting_after: after } : {}),
          }),
        onPage,
      );
    bankPayouts.push({
      id: p.id,
      amount: p.amount,
      status: p.status,
      automatic: p.automatic,
      created: p.created * 1000,
      carriedPence: carried ? carried.reduce((sum, bt) => sum + bt.net, 0) : null,
      carriedIds: carried ? carried.map((bt) => bt.id) : [],
    });
  }
  const balance = await gateway.call('GET /v1/balance', (s) => s.balance.retrieve());
  onPage(1, 'GET /v1/balance');
  const gbp = (parts: { amount: number; currency: string }[]) =>
    parts.filter((b) => b.currency === 'gbp').reduce((sum, b) => sum + b.amount, 0);
  return {
    charges: charges.map((c) => ({
      id: c.id,
      paymentIntent: idOf(c.payment_intent),
      amount: c.amount,
      amountRefunded: c.amount_refunded,
      status: c.status,
      disputed: c.disputed,
      created: c.created * 1000,
    })),
    transfers: transfers.map((t) => ({
      id: t.id,
      amount: t.amount,
      amountReversed: t.amount_reversed,
      destination: idOf(t.destination),
      created: t.created * 1000,
    })),
    payouts: bankPayouts,
    balancePence: gbp(balance.available) + gbp(balance.pending),
  };
}
