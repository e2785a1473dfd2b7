// Renders accounts, refunds, disputes, coupons and promotion codes, typed by the stripe package.
import type Stripe from 'stripe';
import type { SimulatorState } from '../state/state';
import type { AccountRec, CouponRec, DisputeRec, PromotionCodeRec, RefundRec } from '../state/records';
import { renderBalanceTransaction } from './money';

export function renderAccount(_state: SimulatorState, a: AccountRec) {
  const restricted = a.disabledReason !== null;
  return {
    id: a.id,
    object: 'account',
    business_profile: {
      annual_revenue: null,
      estimated_worker_count: null,
      mcc: '8299',
      minority_owned_business_designation: null,
      monthly_estimated_revenue: { amount: 0, currency: 'gbp' },
      name: a.name,
      product_description: 'Driving lessons',
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: a.email,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: 'individual',
    capabilities: {
      card_payments: a.chargesEnabled ? 'active' : 'inactive',
      transfers: a.transfersActive ? 'active' : 'inactive',
    },
    charges_enabled: a.chargesEnabled,
    country: 'GB',
    created: a.created,
    default_currency: 'gbp',
    details_submitted: true,
    email: a.email,
    metadata: { ...a.metadata },
    payouts_enabled: a.payoutsEnabled,
    requirements: {
      alternatives: [],
      current_deadline: null,
      currently_due: restricted ? ['individual.verification.document'] : [],
      disabled_reason: a.disabledReason as Stripe.Account.Requirements.DisabledReason | null,
      errors: [],
      eventually_due: restricted ? ['individual.verification.document'] : [],
      past_due: restricted ? ['individual.verification.document'] : [],
      pending_verification: [],
    },
    type: 'express',
  } satisfies Stripe.Account;
}

export function renderRefund(state: SimulatorState, r: RefundRec) {
  const payment = state.payments.get(r.paymentId);
  return {
    id: r.id,
    object: 'refund',
    amount: r.amount,
    balance_transaction: r.btId,
    charge: payment?.chargeId ?? null,
    created: r.created,
    currency: 'gbp',
    customer: null,
    customer_account: null,
    ...(r.failureBtId ? { failure_balance_transaction: r.failureBtId } : {}),
    ...(r.failureReason ? { failure_reason: r.failureReason } : {}),
    metadata: { ...r.metadata },
    payment_intent: r.paymentId,
    payment_method: payment?.paymentMethod ?? null,
    reason: r.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: r.status,
    transfer_reversal: null,
  } satisfies Stripe.Refund;
}

export function renderDispute(state: SimulatorState, d: DisputeRec) {
  const payment = state.payments.get(d.paymentId);
  const evidenceFields = [
    'access_activity_log',
    'billing_address',
    'cancellation_policy',
    'cancellation_policy_disclosure',
    'cancellation_rebuttal',
    'customer_communication',
    'customer_email_address',
    'customer_name',
    'customer_purchase_ip',
    'customer_signature',
    'duplicate_charge_documentation',
    'duplicate_charge_explanation',
    'duplicate_charge_id',
    'product_description',
    'receipt',
    'refund_policy',
    'refund_policy_disclosure',
    'refund_refusal_explanation',
    'service_date',
    'service_documentation',
    'shipping_address',
    'shipping_carrier',
    'shipping_date',
    'shipping_documentation',
    'shipping_tracking_number',
    'uncategorized_file',
    'uncategorized_text',
  ] as const;
  const evidence = Object.fromEntries(evidenceFields.map((f) => [f, null])) as Record<
    (typeof evidenceFields)[number],
    null
  >;
  return {
    id: d.id,
    object: 'dispute',
    amount: d.amount,
    balance_transactions: d.btIds
      .map((id) => state.balanceTxs.get(id))
      .filter((bt) => bt !== undefined)
      .map((bt) => renderBalanceTransaction(state, bt)),
    charge: payment?.chargeId ?? '',
    created: d.created,
    currency: 'gbp',
    enhanced_eligibility_types: [],
    evidence: { ...evidence, enhanced_evidence: {} },
    evidence_details: {
      due_by: d.created + 7 * 86_400,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: d.paymentId,
    reason: d.reason,
    status: d.status,
  } satisfies Stripe.Dispute;
}

export function renderCoupon(state: SimulatorState, c: CouponRec) {
  return {
    id: c.id,
    object: 'coupon',
    amount_off: c.amountOff,
    created: c.created,
    currency: c.amountOff === null ? null : 'gbp',
    duration: c.duration,
    duration_in_months: null,
    livemode: false,
    max_redemptions: c.maxRedemptions,
    metadata: { ...c.metadata },
    name: c.name,
    percent_off: c.percentOff,
    redeem_by: c.redeemBy,
    times_redeemed: c.timesRedeemed,
    valid:
      (c.redeemBy === null || c.redeemBy > state.now) &&
      (c.maxRedemptions === null || c.timesRedeemed < c.maxRedemptions),
  } satisfies Stripe.Coupon;
}

export function renderPromotionCode(_state: SimulatorState, p: PromotionCodeRec) {
  return {
    id: p.id,
    object: 'promotion_code',
    active: p.active,
    code: p.code,
    created: p.created,
    customer: null,
    customer_account: null,
    expires_at: p.expiresAt,
    livemode: false,
    max_redemptions: p.maxRedemptions,
    metadata: { ...p.metadata },
    promotion: { coupon: p.couponId, type: 'coupon' },
    restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
    times_redeemed: p.timesRedeemed,
  } satisfies Stripe.PromotionCode;
}
