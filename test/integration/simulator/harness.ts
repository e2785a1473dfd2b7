// Starts an in-process simulator on a random port and a real stripe SDK client pointed at it.
import Stripe from 'stripe';
import { startSimulator, type RunningSimulator, type StartOptions } from '../../../src/main/simulator/index';

export interface Harness {
  sim: RunningSimulator;
  stripe: Stripe;
  client: (options?: { apiKey?: string; maxNetworkRetries?: number; stripeAccount?: string }) => Stripe;
  /** Raw HTTP to the simulator (for headers and the control API). */
  http: (path: string, init?: RequestInit & { json?: unknown }) => Promise<Response>;
  /** Creates n confirmed card payments and moves the clock until their funds are available. */
  fund: (amount: number) => Promise<Stripe.PaymentIntent>;
}

export async function startHarness(options: StartOptions = {}): Promise<Harness> {
  const sim = await startSimulator({ seed: 7, payoutSchedule: 'manual', ...options });
  const client = (o: { apiKey?: string; maxNetworkRetries?: number; stripeAccount?: string } = {}) =>
    new Stripe(o.apiKey ?? 'sk_test_123', {
      host: '127.0.0.1',
      port: sim.port,
      protocol: 'http',
      maxNetworkRetries: o.maxNetworkRetries ?? 0,
      ...(o.stripeAccount ? { stripeAccount: o.stripeAccount } : {}),
    });
  const stripe = client();
  const http = (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const { json, ...rest } = init;
    return fetch(sim.url + path, {
      ...rest,
      ...(json !== undefined
        ? {
            method: rest.method ?? 'POST',
            body: JSON.stringify(json),
            headers: { 'content-type': 'application/json' },
          }
        : {}),
    });
  };
  const fund = async (amount: number) => {
    const pi = await stripe.paymentIntents.create({
      amount,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    sim.control.advance(3 * 86_400);
    return pi;
  };
  return { sim, stripe, client, http, fund };
}

/** Stripe's UK card fee, restated independently of the simulator. */
export function ukFee(amount: number): number {
  return Math.floor((amount * 150 + 5000) / 10000) + 20;
}

export async function expectStripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) return err;
    throw err;
  }
  throw new Error('expected a Stripe error');
}

/** A fetch response's JSON body, typed by the caller. */
export async function body<T = { error: { type: string; code?: string; message: string } }>(
  res: Response,
): Promise<T> {
  return (await res.json()) as T;
}
