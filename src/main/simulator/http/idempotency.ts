// Idempotency-Key memory: same key + same request replays the first answer; keys live 24 simulated hours.
import { StripeApiError } from '../core/errors';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface StoredResponse {
  fingerprint: string;
  status: number;
  body: string;
  expiresAt: number;
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
      throw new StripeApiError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      });
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
