// Builds the one Stripe SDK client the sync uses: real Stripe by default, the simulator for the demo and tests.
import Stripe from 'stripe';

export interface StripeApiAddress {
  host: string;
  port: number;
  protocol: 'http' | 'https';
}

export interface StripeClientOptions {
  secretKey: string;
  /** Where the API lives; omitted for api.stripe.com. */
  api?: StripeApiAddress;
  timeoutMs?: number;
}

/** The SDK never retries by itself (`maxNetworkRetries: 0`): retries, backoff and rate limits are ours. */
export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    maxNetworkRetries: 0,
    timeout: options.timeoutMs ?? 30_000,
    appInfo: { name: 'lplate-back-office' },
    ...(options.api
      ? { host: options.api.host, port: options.api.port, protocol: options.api.protocol }
      : {}),
  });
}

/** Parses `http://127.0.0.1:12111` into an API address (for the CLI and the demo). */
export function parseApiAddress(url: string): StripeApiAddress {
  const u = new URL(url);
  const protocol = u.protocol === 'https:' ? 'https' : 'http';
  return { host: u.hostname, port: Number(u.port || (protocol === 'https' ? 443 : 80)), protocol };
}
