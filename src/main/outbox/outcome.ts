// What a failed attempt at a Stripe write means: send it again with the same key (after how long, and whether it
// may have been applied meanwhile), hold it for a person, wait for sync to show what happened, or a final refusal
// — each explained in plain words with what to do.
import { writePermission } from '../stripe/write-permissions';
import { STRIPE_WRITES, type StripeWriteKind } from './stripe-writes';

export type AttemptOutcome =
  | {
      kind: 'retry';
      /** `pending`: Stripe did not take it (429); `unknown`: it may have been applied. */
      state: 'pending' | 'unknown';
      delayMs: number;
      reason: string;
    }
  /** Stripe did not execute it and will not until a person acts (a key, a permission); then it goes again. */
  | { kind: 'hold'; reason: string }
  /** It may have been applied and sending it again would not tell: sync will show whether it was. */
  | { kind: 'await'; reason: string }
  | {
      kind: 'refused';
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
  const raw = e.message ?? String(error);
  const fromStripe = typeof e.type === 'string' && e.type.startsWith('Stripe');
  if (!fromStripe)
    return {
      kind: 'hold',
      reason: `The console could not send this write (${raw}). Nothing reached Stripe; report this, then cancel the write or wait for a fix.`,
    };
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const shouldRetry = header(e, 'Stripe-Should-Retry');
  const wait = delay(attempts, timing, header(e, 'Retry-After'));
  if (e.type === 'StripeConnectionError' || status === null)
    return { kind: 'retry', state: 'unknown', delayMs: wait, reason: `No answer from Stripe: ${raw}` };
  if (status === 429)
    return { kind: 'retry', state: 'pending', delayMs: wait, reason: `Stripe asked to wait (429): ${raw}` };
  // 409: another request with this key is still running at Stripe (an earlier attempt that timed out here).
  if (status === 409 || shouldRetry === 'true')
    return {
      kind: 'retry',
      state: 'unknown',
      delayMs: wait,
      reason: `Stripe is still busy with it (${status}): ${raw}`,
    };
  if (status >= 500) {
    if (shouldRetry === 'false')
      return { kind: 'await', reason: `Stripe failed (${status}) and said not to send it again: ${raw}` };
    return { kind: 'retry', state: 'unknown', delayMs: wait, reason: `Stripe failed (${status}): ${raw}` };
  }
  if (status === 401)
    return {
      kind: 'hold',
      reason: `Stripe rejected the key (revoked or rolled): ${raw} An admin must connect a valid key under Settings → Stripe; the write is then sent again.`,
    };
  if (status === 403) {
    const p = writePermission(STRIPE_WRITES[kind].permission);
    return {
      kind: 'hold',
      reason: `The Stripe key may not do this: ${raw} Give the restricted key “${p.permission}” in the Stripe Dashboard (Developers → API keys) and connect it again; the write is then sent.`,
    };
  }
  const type = e.rawType ?? e.type ?? 'api_error';
  const refused = (message: string): AttemptOutcome => ({
    kind: 'refused',
    type,
    code: e.code ?? null,
    param: e.param ?? null,
    status,
    message,
  });
  if (type === 'idempotency_error')
    return refused(
      `Stripe refused: this write's idempotency key was already used with different parameters, so nothing was sent twice. This is a bug in the console: report it with the request id. (${raw})`,
    );
  return refused(`Stripe refused${e.code ? ` (${e.code})` : ''}: ${raw}`);
}
