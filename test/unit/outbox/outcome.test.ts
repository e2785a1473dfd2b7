// How the outbox reads a failed attempt at a Stripe write: same-key retry, hold for a person, wait for sync, or a
// final refusal — the table the sender acts on.
import { describe, expect, it } from 'vitest';
import { attemptOutcome } from '../../../src/main/outbox/outcome';

const timing = { baseDelayMs: 1_000, maxDelayMs: 300_000, random: () => 0.5 };
const stripeError = (type: string, statusCode?: number, extra: Record<string, unknown> = {}) => ({
  type,
  statusCode,
  message: 'Stripe says no.',
  ...extra,
});

describe('attemptOutcome', () => {
  it.each([
    ['no answer at all', stripeError('StripeConnectionError'), 'retry', 'unknown'],
    ['a 500', stripeError('StripeAPIError', 500), 'retry', 'unknown'],
    ['a 409: the same key still running', stripeError('StripeIdempotencyError', 409), 'retry', 'unknown'],
    ['a 429', stripeError('StripeRateLimitError', 429), 'retry', 'pending'],
  ])('sends %s again with the same key', (_name, error, kind, state) => {
    expect(attemptOutcome(error, 'transfer.create', 1, timing)).toMatchObject({ kind, state });
  });

  it('waits at least as long as Retry-After, and backs off exponentially', () => {
    const limited = stripeError('StripeRateLimitError', 429, { headers: { 'retry-after': '7' } });
    expect(attemptOutcome(limited, 'transfer.create', 1, timing)).toMatchObject({ delayMs: 7_000 });
    const fifth = attemptOutcome(stripeError('StripeAPIError', 502), 'transfer.create', 5, timing);
    expect(fifth).toMatchObject({ delayMs: 12_000 }); // 16 s, half fixed, half jitter (0.5)
  });

  it('does not send a 5xx again when Stripe says retrying would not help: sync will show what happened', () => {
    const error = stripeError('StripeAPIError', 500, { headers: { 'stripe-should-retry': 'false' } });
    expect(attemptOutcome(error, 'transfer.create', 1, timing)).toMatchObject({ kind: 'await' });
  });

  it('holds a write the key may not make, naming the permission to add', () => {
    const outcome = attemptOutcome(
      stripeError('StripePermissionError', 403),
      'promotion_code.update',
      1,
      timing,
    );
    expect(outcome).toMatchObject({ kind: 'hold' });
    expect(outcome.kind === 'hold' && outcome.reason).toContain('“Products → Promotion codes: Write”');
  });

  it('holds a write after Stripe rejected the key, until a valid one is connected', () => {
    const outcome = attemptOutcome(
      stripeError('StripeAuthenticationError', 401),
      'transfer.create',
      1,
      timing,
    );
    expect(outcome.kind === 'hold' && outcome.reason).toMatch(/rejected the key.*Settings → Stripe/);
  });

  it('holds a write the console itself failed to send, without calling it Stripe’s answer', () => {
    const outcome = attemptOutcome(new TypeError('cannot read x'), 'transfer.create', 1, timing);
    expect(outcome.kind === 'hold' && outcome.reason).toMatch(/^The console could not send this write/);
  });

  it('refuses for good what Stripe refused, in plain words with its code', () => {
    const error = stripeError('StripeInvalidRequestError', 400, {
      rawType: 'invalid_request_error',
      code: 'balance_insufficient',
      message: 'You have insufficient available funds in your Stripe account.',
    });
    expect(attemptOutcome(error, 'transfer.create', 1, timing)).toEqual({
      kind: 'refused',
      type: 'invalid_request_error',
      code: 'balance_insufficient',
      param: null,
      status: 400,
      message:
        'Stripe refused (balance_insufficient): You have insufficient available funds in your Stripe account.',
    });
  });

  it('calls a reused key with other parameters a console bug, never a reason to send again', () => {
    const error = stripeError('StripeIdempotencyError', 400, { rawType: 'idempotency_error' });
    const outcome = attemptOutcome(error, 'transfer.create', 1, timing);
    expect(outcome).toMatchObject({ kind: 'refused', type: 'idempotency_error' });
    expect(outcome.kind === 'refused' && outcome.message).toMatch(/bug in the console/);
  });
});
