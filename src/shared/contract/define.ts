// The building blocks of the typed contract: roles, access rules, the Result envelope and `method()`.
import type { z } from 'zod';
import type { TableName } from './tables';

export const ROLES = ['support', 'finance', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who may call a method: anyone (before sign-in), any signed-in operator, or the listed roles. */
export type Access = 'public' | 'signedIn' | readonly Role[];

export const ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'stripe',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  access: Access;
  /** Tables the method reads: react-query keys of this method are invalidated when one of them changes. */
  reads: readonly TableName[];
  /** Tables the method writes: after success main pushes `changed { tables: writes }`. */
  writes: readonly TableName[];
  summary: string;
  /** Phantom: carries the output type; never set at runtime. */
  readonly output?: O;
}

/** Declares a method with its output type: `method<Operator>()({ input, access, reads, writes, summary })`. */
export function method<O>() {
  return <I extends z.ZodType>(spec: Omit<MethodSpec<I, O>, 'output'>): MethodSpec<I, O> => spec;
}

export interface Page<T> {
  rows: T[];
  /** Rows matching the filters; with `totalCapped`, only a lower bound. */
  total: number;
  /** Set when counting stopped early: more than `total` rows match (the pager shows "10,000+"). */
  totalCapped?: true;
  page: number;
  pageSize: number;
}
