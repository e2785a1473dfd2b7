// Reads Stripe's form/query parameters (qs bracket notation): unknown ones refused, values coerced.
import qs from 'qs';
import { invalidInteger, invalidParam, missingParam, paramError, unknownParam } from '../core/errors';
import type { CreatedRange, ListQuery } from '../core/list';
import { METADATA_MAX_KEYS, checkMetadataEntry, tooManyKeys } from '../core/metadata';
import type { Metadata } from '../state/records';

export type Raw = Record<string, unknown>;

export function parseParams(text: string): Raw {
  if (!text) return {};
  return qs.parse(text, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 }) as Raw;
}

export const LIST_KEYS = ['limit', 'starting_after', 'ending_before', 'created'] as const;

function isHash(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Refuses any parameter not named in `allowed`. Entries are full bracket paths: `metadata` accepts the whole
 * hash, `business_profile[name]` accepts that one nested key (so `business_profile[foo]` is unknown).
 */
function refuseUnknown(raw: Raw, allowed: readonly string[]): void {
  const exact = new Set([...allowed, 'expand']);
  const containers = new Set<string>();
  for (const path of allowed)
    for (let i = path.indexOf('['); i > 0; i = path.indexOf('[', i + 1)) containers.add(path.slice(0, i));
  const walk = (value: unknown, path: string): void => {
    if (exact.has(path)) return;
    if (!containers.has(path)) throw unknownParam(path);
    if (!isHash(value)) throw invalidParam(path, `Invalid object: ${path}`);
    for (const [k, v] of Object.entries(value)) walk(v, `${path}[${k}]`);
  };
  for (const [k, v] of Object.entries(raw)) walk(v, k);
}

export class Params {
  constructor(
    readonly raw: Raw,
    allowed: readonly string[],
  ) {
    refuseUnknown(raw, allowed);
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  /** A nested value by bracket path parts: `at('promotion', 'coupon')`. */
  at(...path: string[]): unknown {
    let v: unknown = this.raw;
    for (const part of path) v = isHash(v) ? v[part] : undefined;
    return v;
  }

  str(name: string, value: unknown = this.raw[name]): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw invalidParam(name, `Invalid string: ${name}`);
    return value;
  }

  requiredStr(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === '') throw missingParam(name);
    return v;
  }

  /** A string of at most `max` characters. */
  shortStr(name: string, max: number): string | undefined {
    const v = this.str(name);
    if (v !== undefined && v.length > max)
      throw paramError(`Invalid string: ${v}; must be at most ${max} characters`, name);
    return v;
  }

  /** A string, where '' means "unset" (null). */
  nullableStr(name: string): string | null | undefined {
    const v = this.str(name);
    return v === '' ? null : v;
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(
    name: string,
    values: readonly T[],
    value: unknown = this.raw[name],
  ): T | undefined {
    const v = this.str(name, value);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v))
      throw invalidParam(name, `Invalid ${name}: must be one of ${values.join(', ')}`);
    return v as T;
  }

  int(name: string, value: unknown = this.raw[name]): number | undefined {
    const v = this.str(name, value);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw invalidInteger(name, `Invalid integer: ${v}`);
    return Number(v);
  }

  requiredInt(name: string): number {
    const v = this.int(name);
    if (v === undefined) throw missingParam(name);
    return v;
  }

  /** An integer of at least 1 (amounts, counts). */
  positiveInt(name: string, value: unknown = this.raw[name]): number | undefined {
    const v = this.int(name, value);
    if (v !== undefined && v < 1)
      throw invalidInteger(name, 'This value must be greater than or equal to 1.');
    return v;
  }

  requiredPositiveInt(name: string): number {
    const v = this.positiveInt(name);
    if (v === undefined) throw missingParam(name);
    return v;
  }

  /** A Unix timestamp strictly after `now` (expiry dates). */
  futureTimestamp(name: string, now: number): number | undefined {
    const v = this.int(name);
    if (v !== undefined && v <= now) throw paramError(`Invalid ${name}: must be in the future.`, name);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false')
      throw paramError(`Invalid boolean: ${v}`, name, 'parameter_invalid_boolean');
    return v === 'true';
  }

  /**
   * The metadata hash within Stripe's limits: undefined when absent, null for `metadata=""` (clear all),
   * otherwise the keys to set ('' removes one).
   */
  metadata(name = 'metadata'): Metadata | null | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (v === '') return null;
    if (!isHash(v)) throw invalidParam(name, 'Invalid hash');
    const entries = Object.entries(v);
    if (entries.length > METADATA_MAX_KEYS) throw tooManyKeys(entries.length, 'validation');
    const out: Metadata = {};
    for (const [k, val] of entries) {
      if (typeof val !== 'string') throw invalidParam(`${name}[${k}]`, 'Invalid metadata value');
      checkMetadataEntry(k, val);
      out[k] = val;
    }
    return out;
  }

  currency(): void {
    const c = this.str('currency');
    if (c !== undefined && c.toLowerCase() !== 'gbp') {
      throw invalidParam('currency', `Invalid currency: ${c}. This simulator supports gbp only.`);
    }
  }

  /** A timestamp filter: an exact second or a `gt`/`gte`/`lt`/`lte` range. */
  range(name: string): CreatedRange | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    const num = (s: unknown, p: string) => {
      if (typeof s !== 'string' || !/^\d+$/.test(s))
        throw invalidInteger(p, `Invalid timestamp: ${String(s)}`);
      return Number(s);
    };
    if (typeof v === 'string') {
      const t = num(v, name);
      return { gte: t, lte: t };
    }
    if (!isHash(v)) throw invalidParam(name);
    const range: CreatedRange = {};
    for (const [k, val] of Object.entries(v)) {
      if (k !== 'gt' && k !== 'gte' && k !== 'lt' && k !== 'lte') throw unknownParam(`${name}[${k}]`);
      range[k] = num(val, `${name}[${k}]`);
    }
    return range;
  }

  list(): ListQuery {
    const limit = this.int('limit') ?? 10;
    if (limit < 1 || limit > 100) {
      throw invalidInteger('limit', 'Invalid integer: limit must be between 1 and 100');
    }
    return {
      limit,
      startingAfter: this.str('starting_after'),
      endingBefore: this.str('ending_before'),
      created: this.range('created'),
    };
  }

  expand(): string[] {
    const v = this.raw.expand;
    if (v === undefined) return [];
    const arr = Array.isArray(v) ? v : isHash(v) ? Object.values(v) : [v];
    return arr.filter((x): x is string => typeof x === 'string');
  }
}

/** Whether a timestamp falls in a range filter (inclusive bounds as Stripe's gte/lte). */
export function inRange(t: number, r: CreatedRange | undefined): boolean {
  if (!r) return true;
  return (
    (r.gt === undefined || t > r.gt) &&
    (r.gte === undefined || t >= r.gte) &&
    (r.lt === undefined || t < r.lt) &&
    (r.lte === undefined || t <= r.lte)
  );
}
