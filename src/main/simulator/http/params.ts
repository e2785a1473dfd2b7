// Reads Stripe's form/query parameters (qs bracket notation): unknown ones refused, values coerced.
import qs from 'qs';
import { invalidParam, invalidRequest, missingParam, unknownParam } from '../core/errors';
import type { CreatedRange, ListQuery } from '../core/list';
import type { Metadata } from '../state/records';

export type Raw = Record<string, unknown>;

export function parseParams(text: string): Raw {
  if (!text) return {};
  return qs.parse(text, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 }) as Raw;
}

export const LIST_KEYS = ['limit', 'starting_after', 'ending_before', 'created'] as const;

export class Params {
  constructor(
    readonly raw: Raw,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(raw)) {
      if (key !== 'expand' && !allowed.includes(key)) throw unknownParam(key);
    }
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined;
  }

  str(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw invalidParam(name, `Invalid string: ${name}`);
    return v;
  }

  requiredStr(name: string): string {
    const v = this.str(name);
    if (v === undefined || v === '') throw missingParam(name);
    return v;
  }

  /** A string, where '' means "unset" (null). */
  nullableStr(name: string): string | null | undefined {
    const v = this.str(name);
    return v === '' ? null : v;
  }

  int(name: string): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!/^-?\d+$/.test(v)) throw invalidRequest(`Invalid integer: ${v}`, name, 'parameter_invalid_integer');
    return Number(v);
  }

  requiredInt(name: string): number {
    const v = this.int(name);
    if (v === undefined) throw missingParam(name);
    return v;
  }

  bool(name: string): boolean | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false')
      throw invalidRequest(`Invalid boolean: ${v}`, name, 'parameter_invalid_boolean');
    return v === 'true';
  }

  metadata(name = 'metadata'): Metadata | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (v === '') return {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidParam(name, 'Invalid hash');
    const out: Metadata = {};
    for (const [k, val] of Object.entries(v)) {
      if (typeof val !== 'string') throw invalidParam(`${name}[${k}]`, 'Invalid metadata value');
      out[k] = val;
    }
    return out;
  }

  currency(): void {
    const c = this.str('currency');
    if (c !== undefined && c.toLowerCase() !== 'gbp') {
      throw invalidRequest(
        `Invalid currency: ${c}. This simulator supports gbp only.`,
        'currency',
        'parameter_invalid_string',
      );
    }
  }

  created(name = 'created'): CreatedRange | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    const num = (s: unknown, p: string) => {
      if (typeof s !== 'string' || !/^\d+$/.test(s))
        throw invalidRequest(`Invalid timestamp: ${String(s)}`, p, 'parameter_invalid_integer');
      return Number(s);
    };
    if (typeof v === 'string') {
      const t = num(v, name);
      return { gte: t, lte: t };
    }
    if (typeof v !== 'object' || v === null) throw invalidParam(name);
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
      throw invalidRequest(
        'Invalid integer: limit must be between 1 and 100',
        'limit',
        'parameter_invalid_integer',
      );
    }
    return {
      limit,
      startingAfter: this.str('starting_after'),
      endingBefore: this.str('ending_before'),
      created: this.created(),
    };
  }

  expand(): string[] {
    const v = this.raw.expand;
    if (v === undefined) return [];
    const arr = Array.isArray(v) ? v : typeof v === 'object' && v !== null ? Object.values(v) : [v];
    return arr.filter((x): x is string => typeof x === 'string');
  }

  /** A nested hash parameter such as promotion[coupon]. */
  hash(name: string): Raw | undefined {
    const v = this.raw[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalidParam(name, 'Invalid hash');
    return v as Raw;
  }
}
