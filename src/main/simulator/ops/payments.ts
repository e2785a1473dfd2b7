// PaymentIntents confirmed with Stripe's test cards: a charge, its fee and balance transaction, or a decline.
import type { Metadata, PaymentRec } from '../state/records';
import type { SimulatorState } from '../state/state';
import { StripeApiError, invalidRequest, noSuchObject, paramError } from '../core/errors';
import { stripeCardFee } from '../core/money';
import { renderCharge, renderPaymentIntent } from '../render/payments';
import { addBalanceTx } from './ledger';
import { emit } from './emit';
import { mergeMetadata } from '../core/metadata';
import { redeemPromotionCode } from './coupons';

/** Metadata keys through which a payment names the code it used (DOMAIN.md §9). */
export const CODE_METADATA_KEYS = ['lplate_discount_code', 'lplate_referral_code'] as const;

const DECLINES: Record<string, { decline: string; message: string }> = {
  pm_card_chargeDeclined: { decline: 'generic_decline', message: 'Your card was declined.' },
  pm_card_chargeDeclinedInsufficientFunds: {
    decline: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  pm_card_chargeDeclinedFraudulent: { decline: 'fraudulent', message: 'Your card was declined.' },
};
/** Stripe's test card whose funds go straight to the available balance instead of pending for days. */
const BYPASS_PENDING = 'pm_card_bypassPending';
const SUCCEEDING = new Set([
  BYPASS_PENDING,
  'pm_card_visa',
  'pm_card_mastercard',
  'pm_card_amex',
  'pm_card_gb',
  'pm_card_visa_debit',
]);

export interface PaymentInput {
  amount: number;
  paymentMethod: string;
  metadata?: Metadata | null;
  description?: string | null;
  transferGroup?: string | null;
  receiptEmail?: string | null;
  account?: string | null;
}

export function createPayment(state: SimulatorState, input: PaymentInput): PaymentRec {
  if (!SUCCEEDING.has(input.paymentMethod) && !DECLINES[input.paymentMethod]) {
    throw invalidRequest(
      `No such PaymentMethod: '${input.paymentMethod}'`,
      'payment_method',
      'resource_missing',
    );
  }
  if (input.amount < 30) throw paramError('Amount must be at least £0.30 gbp', 'amount', 'amount_too_small');
  const decline = DECLINES[input.paymentMethod];
  const p: PaymentRec = {
    id: state.newId('pi'),
    chargeId: state.newId('ch'),
    btId: null,
    created: state.now,
    account: input.account ?? null,
    amount: input.amount,
    status: 'requires_payment_method',
    paymentMethod: input.paymentMethod,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    description: input.description ?? null,
    transferGroup: input.transferGroup ?? null,
    receiptEmail: input.receiptEmail ?? null,
    amountRefunded: 0,
    refundIds: [],
    disputeId: null,
    failureCode: null,
    failureMessage: null,
    declineCode: null,
  };
  state.payments.add(p);
  state.chargeToPayment.set(p.chargeId, p.id);
  emit(state, 'payment_intent.created', p.account, renderPaymentIntent(state, p));
  if (decline) {
    p.failureCode = 'card_declined';
    p.failureMessage = decline.message;
    p.declineCode = decline.decline;
    emit(state, 'charge.failed', p.account, renderCharge(state, p));
    emit(state, 'payment_intent.payment_failed', p.account, renderPaymentIntent(state, p), {
      status: 'requires_confirmation',
    });
    return p;
  }
  const fee = stripeCardFee(p.amount, state.settings.cardFeeBps, state.settings.cardFeeFixed);
  const bt = addBalanceTx(state, {
    account: p.account,
    amount: p.amount,
    fee,
    type: 'charge',
    category: 'charge',
    source: p.chargeId,
    description: p.description,
    availableOn: p.paymentMethod === BYPASS_PENDING ? state.now : state.availableOnFor(p.account),
  });
  p.btId = bt.id;
  p.status = 'succeeded';
  emit(state, 'charge.succeeded', p.account, renderCharge(state, p));
  emit(state, 'payment_intent.succeeded', p.account, renderPaymentIntent(state, p), {
    status: 'requires_confirmation',
  });
  for (const key of CODE_METADATA_KEYS) {
    const code = p.metadata[key];
    if (code) redeemPromotionCode(state, code);
  }
  return p;
}

/** The 402 Stripe answers for a declined confirmation. */
export function declineError(state: SimulatorState, p: PaymentRec): StripeApiError {
  return new StripeApiError(402, {
    type: 'card_error',
    code: p.failureCode ?? 'card_declined',
    decline_code: p.declineCode ?? 'generic_decline',
    message: p.failureMessage ?? 'Your card was declined.',
    charge: p.chargeId,
    payment_intent: renderPaymentIntent(state, p),
    doc_url: 'https://stripe.com/docs/error-codes/card-declined',
  });
}

export function getPayment(state: SimulatorState, id: string, account: string | null): PaymentRec {
  const p = state.payments.get(id);
  if (!p || p.account !== account) throw noSuchObject('payment_intent', id, 'intent');
  return p;
}

export function getPaymentByCharge(
  state: SimulatorState,
  chargeId: string,
  account: string | null,
): PaymentRec {
  const p = state.paymentByCharge(chargeId);
  if (!p || p.account !== account) throw noSuchObject('charge', chargeId, 'charge');
  return p;
}
