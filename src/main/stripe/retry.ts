// Retries what is worth retrying (network errors, 429, 5xx) with exponential backoff and jitter; everything else surfaces.
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A number in [0, 1): seeded in tests, Math.random otherwise. */
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RetryDecision {
  retry: boolean;
  /** The server's Retry-After, in ms, when it sent one. */
  retryAfterMs: number | null;
  /** 429: the endpoint should be paused for everyone, not just this request. */
  rateLimited: boolean;
}

interface ErrorLike {
  type?: unknown;
  statusCode?: unknown;
  code?: unknown;
  headers?: Record<string, string | undefined>;
}

function retryAfterMs(headers: Record<string, string | undefined> | undefined): number | null {
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Whether a failed Stripe call may be tried again. */
export function classifyError(error: unknown): RetryDecision {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : null;
  const after = retryAfterMs(e.headers);
  if (e.type === 'StripeConnectionError') return { retry: true, retryAfterMs: null, rateLimited: false };
  if (status === 429 || e.type === 'StripeRateLimitError')
    return { retry: true, retryAfterMs: after, rateLimited: true };
  if (status !== null && status >= 500) return { retry: true, retryAfterMs: after, rateLimited: false };
  if (e.type === 'StripeAPIError' && status === null)
    return { retry: true, retryAfterMs: after, rateLimited: false };
  return { retry: false, retryAfterMs: null, rateLimited: false };
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(exp / 2 + policy.random() * (exp / 2));
}

export class RetriesExhausted extends Error {
  override name = 'RetriesExhausted';
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(
      `Gave up after ${attempts} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
    );
  }
}

/**
 * Runs `attempt` until it succeeds, fails with an error not worth retrying (thrown as is), or runs out
 * of attempts (RetriesExhausted). `onRetry` learns each retried failure (e.g. to pause the endpoint).
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (decision: RetryDecision, delayMs: number) => void = () => {},
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const decision = classifyError(error);
      if (!decision.retry) throw error;
      if (n + 1 >= policy.maxAttempts) throw new RetriesExhausted(n + 1, error);
      const delay = Math.max(backoffDelay(n, policy), decision.retryAfterMs ?? 0);
      onRetry(decision, delay);
      await policy.sleep(delay);
    }
  }
}
