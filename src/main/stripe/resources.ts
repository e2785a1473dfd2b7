// The Stripe resources the console reads: how to list and fetch each, and what the console loses without it.
import type Stripe from 'stripe';

export interface ListParams {
  limit: number;
  created?: Stripe.RangeQueryParam;
  starting_after?: string;
}

export interface ListedObject {
  id: string;
  object: string;
  created?: number;
}

type List = (stripe: Stripe, params: ListParams) => Promise<Stripe.ApiList<ListedObject>>;
type Fetch = (stripe: Stripe, id: string) => Promise<ListedObject>;

export interface StripeResource {
  /** The permission name, as Stripe's restricted-key editor groups it. */
  name: string;
  objectType: string;
  endpoint: string;
  /** Id prefixes of this type, to refetch an object an event did not describe well enough. */
  idPrefixes: string[];
  list: List;
  retrieve: Fetch;
  /** What the console cannot do when a restricted key cannot read this resource. */
  disables: string;
}

const asList = (p: Promise<unknown>) => p as Promise<Stripe.ApiList<ListedObject>>;
const asObject = (p: Promise<unknown>) => p as Promise<ListedObject>;

/** In backfill order: the people first, then the money in the order it moves. */
export const RESOURCES: StripeResource[] = [
  {
    name: 'accounts',
    objectType: 'account',
    endpoint: 'GET /v1/accounts',
    idPrefixes: ['acct_'],
    list: (s, p) => asList(s.accounts.list(p)),
    retrieve: (s, id) => asObject(s.accounts.retrieve(id)),
    disables: 'Instructors’ Connect status (charges and payouts enabled, requirements due) and their names.',
  },
  {
    name: 'coupons',
    objectType: 'coupon',
    endpoint: 'GET /v1/coupons',
    idPrefixes: [],
    list: (s, p) => asList(s.coupons.list(p)),
    retrieve: (s, id) => asObject(s.coupons.retrieve(id)),
    disables: 'Discount code definitions (percent or amount off) on the codes screens.',
  },
  {
    name: 'promotion_codes',
    objectType: 'promotion_code',
    endpoint: 'GET /v1/promotion_codes',
    idPrefixes: ['promo_'],
    list: (s, p) => asList(s.promotionCodes.list(p)),
    retrieve: (s, id) => asObject(s.promotionCodes.retrieve(id)),
    disables: 'Discount and referral code usage counts.',
  },
  {
    name: 'payment_intents',
    objectType: 'payment_intent',
    endpoint: 'GET /v1/payment_intents',
    idPrefixes: ['pi_'],
    list: (s, p) => asList(s.paymentIntents.list(p)),
    retrieve: (s, id) => asObject(s.paymentIntents.retrieve(id)),
    disables: 'Payments: who paid, for which instructor and how many hours (the lplate_* metadata).',
  },
  {
    name: 'charges',
    objectType: 'charge',
    endpoint: 'GET /v1/charges',
    idPrefixes: ['ch_', 'py_'],
    list: (s, p) => asList(s.charges.list(p)),
    retrieve: (s, id) => asObject(s.charges.retrieve(id)),
    disables: 'Charge status, refunded amounts and disputes on payments.',
  },
  {
    name: 'refunds',
    objectType: 'refund',
    endpoint: 'GET /v1/refunds',
    idPrefixes: ['re_', 'pyr_'],
    list: (s, p) => asList(s.refunds.list(p)),
    retrieve: (s, id) => asObject(s.refunds.retrieve(id)),
    disables: 'Refunds made in the Stripe Dashboard and the learner credit they cancel.',
  },
  {
    name: 'disputes',
    objectType: 'dispute',
    endpoint: 'GET /v1/disputes',
    idPrefixes: ['dp_', 'du_'],
    list: (s, p) => asList(s.disputes.list(p)),
    retrieve: (s, id) => asObject(s.disputes.retrieve(id)),
    disables: 'Chargebacks and the money they withdraw from the balance.',
  },
  {
    name: 'transfers',
    objectType: 'transfer',
    endpoint: 'GET /v1/transfers',
    idPrefixes: ['tr_'],
    list: (s, p) => asList(s.transfers.list(p)),
    retrieve: (s, id) => asObject(s.transfers.retrieve(id)),
    disables: 'Instructor payouts (transfers and reversals): paid and owed amounts.',
  },
  {
    name: 'payouts',
    objectType: 'payout',
    endpoint: 'GET /v1/payouts',
    idPrefixes: ['po_'],
    list: (s, p) => asList(s.payouts.list(p)),
    retrieve: (s, id) => asObject(s.payouts.retrieve(id)),
    disables: 'The platform’s payouts to its bank account.',
  },
  {
    name: 'balance_transactions',
    objectType: 'balance_transaction',
    endpoint: 'GET /v1/balance_transactions',
    idPrefixes: ['txn_'],
    list: (s, p) => asList(s.balanceTransactions.list(p)),
    retrieve: (s, id) => asObject(s.balanceTransactions.retrieve(id)),
    disables: 'Stripe fees and the Stripe balance in the ledger and the overview.',
  },
];

/** The resource an object id belongs to, by its prefix. */
export function resourceForId(id: string): StripeResource | undefined {
  return RESOURCES.find((r) => r.idPrefixes.some((prefix) => id.startsWith(prefix)));
}

export function resourceForType(objectType: string): StripeResource | undefined {
  return RESOURCES.find((r) => r.objectType === objectType);
}
