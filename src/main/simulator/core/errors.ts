// Stripe-shaped API errors: one class, thrown anywhere, turned into the JSON envelope by the server.
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

/**
 * When the request was refused. Stripe stores an idempotent answer only once the endpoint's execution has
 * begun: `validation` refusals (parameters, auth, permissions) can be retried under the same key,
 * `execution` refusals (balance, over-refund, declines, unknown objects) are replayed like a success.
 */
export type ErrorStage = 'validation' | 'execution';

export interface StripeErrorBody {
  type: StripeErrorType;
  code?: string;
  message: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  payment_intent?: unknown;
  charge?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly stage: ErrorStage = 'execution',
  ) {
    super(body.message);
  }
}

function requestError(
  stage: ErrorStage,
  message: string,
  param?: string,
  code?: string,
  status = 400,
): StripeApiError {
  return new StripeApiError(
    status,
    {
      type: 'invalid_request_error',
      message,
      ...(code ? { code } : {}),
      ...(param ? { param } : {}),
    },
    stage,
  );
}

/** A refusal once execution has begun (stored under an idempotency key). */
export function invalidRequest(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return requestError('execution', message, param, code, status);
}

/** A refusal of the request's parameters, before execution (never stored). */
export function paramError(message: string, param?: string, code?: string, status = 400): StripeApiError {
  return requestError('validation', message, param, code, status);
}

export function missingParam(param: string): StripeApiError {
  return paramError(`Missing required param: ${param}.`, param, 'parameter_missing');
}

export function invalidParam(param: string, message?: string): StripeApiError {
  return paramError(message ?? `Invalid value for ${param}.`, param, 'parameter_invalid_string');
}

export function invalidInteger(param: string, message: string): StripeApiError {
  return paramError(message, param, 'parameter_invalid_integer');
}

export function unknownParam(param: string): StripeApiError {
  return paramError(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

export function noSuchObject(kind: string, id: string, param = 'id'): StripeApiError {
  return invalidRequest(`No such ${kind}: '${id}'`, param, 'resource_missing', 404);
}

export function unrecognizedUrl(method: string, path: string): StripeApiError {
  return paramError(`Unrecognized request URL (${method}: ${path}).`, undefined, undefined, 404);
}
