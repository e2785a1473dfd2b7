// What a failed attempt at a Stripe write means: send it again with the same key (after how long), or a final
// refusal, explained in plain words with what to do.
import { writePermission } from '../stripe/write-permissions';
import type { StripeWriteKind } from './stripe-writes';
import { STRIPE_WRITES } from './stripe-writes';

export type AttemptOutcome =
  | {
      retry: true;
      /** `pending`: Stripe did not take the request (429, 409); `unknown`: it may have been applied. */
      state: 'pending' | 'unknown';
      delayMs: number;
      reason: string;
    }
  | {
      retry: false;
      type: string;
      code: string | null;
      param: string | null;
      status: number | null;
      /** Stripe's refusal and what to do, for people. */
      message: string;
    };

export interface RetryTiming {
  baseDelayMs: number;
  maxDelayMs: number;
  random: () => number;
}

export const DEFAULT_WRITE_RETRY: RetryTiming = {
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  random: Math.random,
};

interface StripeErrorLike {
  type?: string;
  rawType?: string;
  statusCode?: number;
  code?: string;
  param?: string;
  message?: string;
  headers?: Record<string, string | undefined>;
}

function header(e: StripeErrorLike, name: string): string | undefined {
  return e.headers?.[name] ?? e.headers?.[name.toLowerCase()];
}

/** Exponential back-off with equal jitter, at least Stripe's Retry-After. */
function delay(attempts: number, timing: RetryTiming, retryAfter: string | undefined): number {
  const exp = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exp / 2 + timing.random() * (exp / 2));
  const after =
    retryAfter !== undefined && Number.isFinite(Number(retryAfter)) ? Number(retryAfter) * 1000 : 0;
  return Math.max(jittered, after);
}

/** Classifies an error thrown by one attempt (`attempts` counts it). */
export function attemptOutcome(
  error: unknown,
  kind: StripeWriteKind,
  attempts: number,
  timing: RetryTiming = DEFAULT_WRITE_RETRY,
): AttemptOutcome {
  const e = (typeof error === 'object' && error !== null ? error : {}) as StripeErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const shouldRetry = header(e, 'Stripe-Should-Retry');
  const wait = delay(attempts, timing, header(e, 'Retry-After'));
  const raw = e.message ?? String(error);
  if (e.type === 'StripeConnectionError' || status === null)
    return { retry: true, state: 'unknown', delayMs: wait, reason: `No answer from Stripe: ${raw}` };
  if (status === 429 || status === 409)
    return {
      retry: true,
      state: 'pending',
      delayMs: wait,
      reason: `Stripe asked to wait (${status}): ${raw}`,
    };
  if (shouldRetry === 'true' || (status >= 500 && shouldRetry !== 'false'))
    return { retry: true, state: 'unknown', delayMs: wait, reason: `Stripe failed (${status}): ${raw}` };
  const type = e.rawType ?? e.type ?? 'api_error';
  const refusal = (message: string) => ({
    retry: false as const,
    type,
    code: e.code ?? null,
    param: e.param ?? null,
    status,
    message,
  });
  if (status === 401)
    return refusal(
      `Stripe rejected the key (revoked or rolled): ${raw} An admin must connect a valid key under Settings → Stripe; then try again.`,
    );
  if (status === 403) {
    const p = writePermission(STRIPE_WRITES[kind].permission);
    return refusal(
      `The Stripe key may not do this: ${raw} Give the restricted key “${p.permission}” in the Stripe Dashboard (Developers → API keys), then try again.`,
    );
  }
  if (type === 'idempotency_error')
    return refusal(
      `Stripe refused: this write's idempotency key was already used with different parameters, so nothing was sent twice. This is a bug in the console: report it with the request id. (${raw})`,
    );
  return refusal(`Stripe refused${e.code ? ` (${e.code})` : ''}: ${raw}`);
}
