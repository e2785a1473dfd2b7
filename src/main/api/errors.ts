// Application errors that handlers throw on purpose; the dispatcher turns them into `{ ok: false, error }`.
import type { ApiError, ErrorCode } from '../../shared/contract';
import { sentence } from '../../shared/contract/messages';

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

/** A validation error pinned to one input field, in the same shape zod failures take: one sentence for a person. */
export function fieldError(field: string, message: string, code: ErrorCode = 'validation'): AppError {
  const text = sentence(message);
  return new AppError(code, text, { issues: [{ path: [field], message: text }] });
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found.`);
