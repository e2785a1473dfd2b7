// Application errors that handlers throw on purpose; the dispatcher turns them into `{ ok: false, error }`.
import type { ApiError, ErrorCode } from '../../shared/contract';

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** A validation error pinned to one input field, in the same shape zod failures take. */
export function fieldError(field: string, message: string, code: ErrorCode = 'validation'): AppError {
  return new AppError(code, `${field}: ${message}`, { issues: [{ path: [field], message }] });
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
