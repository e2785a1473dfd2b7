// Renders accounts (connected and the platform), refunds, disputes, coupons and promotion codes, typed by the stripe package.
import type Stripe from 'stripe';
import type { SimulatorState } from '../state/state';
import type { AccountRec, CouponRec, DisputeRec, PromotionCodeRec, RefundRec } from '../state/records';
import { renderBalanceTransaction } from './money';

export const PLATFORM_DISPLAY_NAME = 'LPlate (simulated)';
/** When the simulated platform account was opened: 2024-01-01T00:00:00Z. */
const PLATFORM_CREATED = 1_704_067_200;

/** `settings` as Stripe shows it: the dashboard name and the payout schedule (the rest at Stripe's defaults). */
function accountSettings(displayName: string | null, interval: string, delayDays: number) {
  return {
    branding: { icon: null, logo: null, primary_color: null, secondary_color: null },
    card_payments: {
      decline_on: { avs_failure: false, cvc_failure: false },
      statement_descriptor_prefix: null,
      statement_descriptor_prefix_kana: null,
      statement_descriptor_prefix_kanji: null,
    },
    dashboard: { display_name: displayName, timezone: 'Europe/London' },
    payments: {
      statement_descriptor: 'LPLATE',
      statement_descriptor_kana: null,
      statement_descriptor_kanji: null,
      statement_descriptor_prefix_kana: null,
      statement_descriptor_prefix_kanji: null,
    },
    payouts: {
      debit_negative_balances: true,
      schedule: {
        delay_days: delayDays,
        interval,
        ...(interval === 'weekly' ? { weekly_anchor: 'friday' } : {}),
      },
      statement_descriptor: null,
    },
  } satisfies Stripe.Account.Settings;
}

/** An account's public business details: its name, what it sells and its support email. */
function businessProfile(name: string | null, description: string, email: string | null) {
  return {
    annual_revenue: null,
    estimated_worker_count: null,
    mcc: '8299',
    minority_owned_business_designation: null,
    monthly_estimated_revenue: { amount: 0, currency: 'gbp' },
    name,
    product_description: description,
    specified_commercial_transactions_act_url: null,
    support_address: null,
    support_email: email,
    support_phone: null,
    support_url: null,
    url: null,
  } satisfies Stripe.Account.BusinessProfile;
}

/** The platform's own account (`GET /v1/account` without Stripe-Account). */
export function renderPlatformAccount(state: SimulatorState) {
  return {
    id: state.platformId,
    object: 'account',
    business_profile: businessProfile(PLATFORM_DISPLAY_NAME, 'A UK driving-lesson marketplace', null),
    business_type: 'company',
    capabilities: { card_payments: 'active', transfers: 'active' },
    charges_enabled: true,
    country: 'GB',
    created: PLATFORM_CREATED,
    default_currency: 'gbp',
    details_submitted: true,
    email: null,
    metadata: {},
    payouts_enabled: true,
    settings: accountSettings(
      PLATFORM_DISPLAY_NAME,
      state.settings.platformPayoutSchedule,
      state.settings.delayDays,
    ),
    type: 'standard',
  } satisfies Stripe.Account;
}

export function renderAccount(_state: SimulatorState, a: AccountRec) {
  const restricted = a.disabledReason !== null;
  return {
    id: a.id,
    object: 'account',
    business_profile: businessProfile(a.name, 'Driving lessons', a.email),
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
    settings: accountSettings(a.name, a.payoutSchedule, a.delayDays),
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
    ...(r.pendingReason ? { pending_reason: r.pendingReason } : {}),
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
    duration_in_months: c.durationInMonths,
    livemode: false,
    max_redemptions: c.maxRedemptions,
    metadata: { ...c.metadata },
    name: c.name,
    percent_off: c.percentOff,
    redeem_by: c.redeemBy,
    times_redeemed: c.timesRedeemed,
    valid: couponValid(state, c),
  } satisfies Stripe.Coupon;
}

/** Stripe's `valid`: not deleted, before redeem_by, below max_redemptions. */
export function couponValid(state: SimulatorState, c: CouponRec): boolean {
  return (
    !c.deleted &&
    (c.redeemBy === null || c.redeemBy > state.now) &&
    (c.maxRedemptions === null || c.timesRedeemed < c.maxRedemptions)
  );
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
    restrictions: {
      first_time_transaction: p.firstTimeTransaction,
      minimum_amount: p.minimumAmount,
      minimum_amount_currency: p.minimumAmount === null ? null : 'gbp',
    },
    times_redeemed: p.timesRedeemed,
  } satisfies Stripe.PromotionCode;
}
