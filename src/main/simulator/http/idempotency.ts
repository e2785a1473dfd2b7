// Idempotency-Key memory: the same key with the same request replays the first answer for 24 simulated hours.
import { StripeApiError, paramError } from '../core/errors';
import type { Raw } from './params';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  expiresAt: number;
}

/** Stripe documents keys of up to 255 characters; the refusal's wording is the simulator's own. */
export function keyTooLong(key: string): StripeApiError | undefined {
  if (key.length <= MAX_IDEMPOTENCY_KEY_LENGTH) return undefined;
  return paramError(
    `Invalid Idempotency-Key: keys can be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long, but yours is ${key.length}.`,
  );
}

/** JSON with hash keys sorted at every depth (array order kept): equal for equal parameters. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Raw).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What "the same request" means: method, path and the parsed parameters, not the body's bytes. */
export function requestFingerprint(method: string, path: string, params: Raw): string {
  return `${method} ${path}\n${canonical(params)}`;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, StoredResponse>();

  /** The stored answer to replay, undefined if the key is new, or an idempotency_error on mismatch. */
  lookup(scope: string, key: string, fingerprint: string, now: number): StoredResponse | undefined {
    const id = `${scope}\u0000${key}`;
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (hit.expiresAt <= now) {
      this.entries.delete(id);
      return undefined;
    }
    if (hit.fingerprint !== fingerprint) {
      throw new StripeApiError(
        400,
        {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        },
        'validation',
      );
    }
    return hit;
  }

  save(scope: string, key: string, fingerprint: string, status: number, body: string, now: number): void {
    if (this.entries.size > 100_000) {
      for (const [k, v] of this.entries) if (v.expiresAt <= now) this.entries.delete(k);
    }
    this.entries.set(`${scope}\u0000${key}`, {
      fingerprint,
      status,
      body,
      expiresAt: now + IDEMPOTENCY_TTL_SECONDS,
    });
  }

  get size(): number {
    return this.entries.size;
  }
}
