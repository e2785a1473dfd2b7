// Seeded fault injection per route or global: 500s, 429s, delays, connections dropped before/after.
import { Prng } from '../core/prng';

export interface FaultRule {
  /** Shares of requests (0–1) answered with each fault. */
  error500?: number;
  rateLimit429?: number;
  dropBefore?: number;
  dropAfter?: number;
  /** Share of requests delayed by delayMs of real time before being served. */
  delay?: number;
  delayMs?: number;
  /** Retry-After seconds sent with 429s (default 1). */
  retryAfterSeconds?: number;
  /** The Stripe-Should-Retry header a 500 carries (default true; Stripe sends false when a retry would not help). */
  shouldRetry?: boolean;
}

export interface FaultSpec {
  seed?: number;
  global?: FaultRule;
  /** Keys are "METHOD /v1/path-prefix" or "/v1/path-prefix"; the longest matching key wins over global. */
  routes?: Record<string, FaultRule>;
}

export type FaultKind = 'none' | 'error500' | 'rateLimit429' | 'dropBefore' | 'dropAfter';

export interface FaultDecision {
  kind: FaultKind;
  delayMs: number;
  retryAfterSeconds: number;
  shouldRetry: boolean;
}

const NONE: FaultDecision = { kind: 'none', delayMs: 0, retryAfterSeconds: 0, shouldRetry: true };

export class FaultInjector {
  private spec: FaultSpec = {};
  private prng: Prng;
  readonly injected: Record<FaultKind | 'delay', number> = {
    none: 0,
    error500: 0,
    rateLimit429: 0,
    dropBefore: 0,
    dropAfter: 0,
    delay: 0,
  };

  constructor(seed: number) {
    this.prng = new Prng(seed ^ 0xfa017);
  }

  set(spec: FaultSpec): void {
    validate(spec);
    this.spec = spec;
    for (const k of Object.keys(this.injected) as (keyof typeof this.injected)[]) this.injected[k] = 0;
    if (spec.seed !== undefined) this.prng = new Prng(spec.seed ^ 0xfa017);
  }

  clear(): void {
    this.spec = {};
  }

  current(): FaultSpec {
    return this.spec;
  }

  private ruleFor(method: string, path: string): FaultRule | undefined {
    let best: { len: number; rule: FaultRule } | undefined;
    for (const [key, rule] of Object.entries(this.spec.routes ?? {})) {
      const [m, p] = key.includes(' ') ? key.split(' ', 2) : [undefined, key];
      if (
        (m === undefined || m.toUpperCase() === method) &&
        p !== undefined &&
        path.startsWith(p) &&
        (!best || key.length > best.len)
      ) {
        best = { len: key.length, rule };
      }
    }
    return best?.rule ?? this.spec.global;
  }

  decide(method: string, path: string): FaultDecision {
    const rule = this.ruleFor(method, path);
    if (!rule) return NONE;
    const r = this.prng.next();
    const d = this.prng.next();
    const delayMs = d < (rule.delay ?? 0) ? (rule.delayMs ?? 200) : 0;
    if (delayMs > 0) this.injected.delay++;
    let acc = 0;
    let kind: FaultKind = 'none';
    for (const k of ['dropBefore', 'error500', 'rateLimit429', 'dropAfter'] as const) {
      acc += rule[k] ?? 0;
      if (r < acc) {
        kind = k;
        break;
      }
    }
    this.injected[kind]++;
    return {
      kind,
      delayMs,
      retryAfterSeconds: rule.retryAfterSeconds ?? 1,
      shouldRetry: rule.shouldRetry ?? true,
    };
  }
}

function validate(spec: FaultSpec): void {
  const rules = [spec.global, ...Object.values(spec.routes ?? {})].filter(
    (r): r is FaultRule => r !== undefined,
  );
  for (const rule of rules) {
    for (const [k, v] of Object.entries(rule)) {
      if (k === 'shouldRetry') {
        if (typeof v !== 'boolean') throw new Error('fault shouldRetry must be true or false');
        continue;
      }
      if (typeof v !== 'number' || v < 0) throw new Error(`fault ${k} must be a non-negative number`);
      if (['error500', 'rateLimit429', 'dropBefore', 'dropAfter', 'delay'].includes(k) && v > 1)
        throw new Error(`fault share ${k} must be within 0..1`);
    }
    const total =
      (rule.error500 ?? 0) + (rule.rateLimit429 ?? 0) + (rule.dropBefore ?? 0) + (rule.dropAfter ?? 0);
    if (total > 1) throw new Error('fault shares add up to more than 1');
  }
}
