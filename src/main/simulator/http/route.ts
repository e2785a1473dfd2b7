// The route table's shape and the shared one-object / list responders with expand[] applied.
import type Stripe from 'stripe';
import type { SimulatorState } from '../state/state';
import type { Page } from '../core/list';
import { Params, type Raw } from './params';
import { expandList, expandObject } from './expand';
import type { Resource } from './permissions';

export interface RouteContext {
  state: SimulatorState;
  raw: Raw;
  path: Record<string, string>;
  /** The Stripe-Account the request is scoped to, or null for the platform. */
  account: string | null;
  url: string;
}

export type RouteResult = { status?: number; body: object } | { status?: number; raw: string };

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  /** The restricted-key resource the route needs (read for GET, write otherwise). */
  resource: Resource;
  handler: (ctx: RouteContext) => RouteResult;
}

export function params(ctx: RouteContext, allowed: readonly string[]): Params {
  return new Params(ctx.raw, allowed);
}

export function one(ctx: RouteContext, p: Params, obj: object): RouteResult {
  expandObject(ctx.state, obj, p.expand());
  return { body: obj };
}

/** Every object a /v1 list may hold, as the SDK types it: a list of anything else fails tsc. */
export type ListItem =
  | Stripe.Account
  | Stripe.BalanceTransaction
  | Stripe.Charge
  | Stripe.Coupon
  | Stripe.Dispute
  | Stripe.PaymentIntent
  | Stripe.Payout
  | Stripe.PromotionCode
  | Stripe.Refund
  | Stripe.Transfer
  | Stripe.TransferReversal;

export function list<T extends { created: number }, R extends ListItem>(
  ctx: RouteContext,
  p: Params,
  url: string,
  page: Page<T>,
  render: (item: T) => R,
): RouteResult {
  const data = page.data.map(render);
  expandList(ctx.state, data, p.expand());
  const body = { object: 'list', data, has_more: page.hasMore, url } satisfies Stripe.ApiList<R>;
  return { body };
}

/** A record visible to the request: same Stripe-Account scope. */
export function inScope(ctx: RouteContext) {
  return (item: { account: string | null }) => item.account === ctx.account;
}
