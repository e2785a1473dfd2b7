// Lean, JSON-serializable records the simulator stores; Stripe objects are rendered from them on demand.
export type Metadata = Record<string, string>;
export type PayoutSchedule = 'daily' | 'weekly' | 'manual';

interface Base {
  id: string;
  created: number;
  /** Connected account that owns the object, or null for the platform. */
  account: string | null;
}

export interface AccountRec extends Base {
  email: string | null;
  name: string | null;
  metadata: Metadata;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  transfersActive: boolean;
  disabledReason: string | null;
  payoutSchedule: PayoutSchedule;
  /** Business days a charge's funds stay pending (settings.payouts.schedule.delay_days). */
  delayDays: number;
}

export interface PaymentRec extends Base {
  chargeId: string;
  btId: string | null;
  amount: number;
  status: 'succeeded' | 'requires_payment_method';
  paymentMethod: string;
  metadata: Metadata;
  description: string | null;
  transferGroup: string | null;
  receiptEmail: string | null;
  amountRefunded: number;
  refundIds: string[];
  disputeId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  declineCode: string | null;
}

export type BtType =
  | 'charge'
  | 'refund'
  | 'refund_failure'
  | 'transfer'
  | 'transfer_refund'
  | 'payment'
  | 'payment_refund'
  | 'payout'
  | 'payout_cancel'
  | 'payout_failure'
  | 'adjustment';

export interface BalanceTxRec extends Base {
  amount: number;
  fee: number;
  type: BtType;
  category: string;
  source: string | null;
  description: string | null;
  availableOn: number;
  /** The automatic (sweeping) payout that carried this transaction to the bank. */
  payoutId: string | null;
}

export type RefundPendingReason = 'processing' | 'insufficient_funds' | 'charge_pending';

export interface RefundRec extends Base {
  paymentId: string;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  /** Why a pending refund waits: `processing` (on the clock) or for funds (no balance transaction yet). */
  pendingReason: RefundPendingReason | null;
  reason: string | null;
  metadata: Metadata;
  /** Null while the refund waits for funds: its money has not left the balance yet. */
  btId: string | null;
  failureBtId: string | null;
  failureReason: string | null;
  /** Planted by the next-refund control: the processing refund fails instead of succeeding. */
  failOnCompletion: boolean;
}

export interface TransferRec extends Base {
  amount: number;
  amountReversed: number;
  destination: string;
  destinationPayment: string;
  destinationBtId: string;
  btId: string;
  metadata: Metadata;
  transferGroup: string | null;
  description: string | null;
  reversalIds: string[];
  /** The charge (ch_…) that funds the transfer, when created with source_transaction. */
  sourceTransaction: string | null;
}

export interface ReversalRec extends Base {
  transferId: string;
  amount: number;
  btId: string;
  metadata: Metadata;
}

export interface PayoutRec extends Base {
  amount: number;
  arrivalDate: number;
  automatic: boolean;
  status: 'pending' | 'in_transit' | 'paid' | 'failed' | 'canceled';
  btId: string;
  failureBtId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  description: string | null;
  metadata: Metadata;
  /** When set, the payout fails instead of being paid at its arrival date. */
  failOnArrival: boolean;
}

export interface DisputeRec extends Base {
  paymentId: string;
  amount: number;
  status: 'needs_response' | 'won' | 'lost';
  reason: string;
  btIds: string[];
}

export interface CouponRec extends Base {
  name: string | null;
  percentOff: number | null;
  amountOff: number | null;
  duration: 'once' | 'forever' | 'repeating';
  durationInMonths: number | null;
  maxRedemptions: number | null;
  redeemBy: number | null;
  timesRedeemed: number;
  metadata: Metadata;
  /** Deleted coupons cannot be retrieved or listed; their promotion codes are deactivated. */
  deleted: boolean;
}

export interface PromotionCodeRec extends Base {
  code: string;
  couponId: string;
  active: boolean;
  expiresAt: number | null;
  maxRedemptions: number | null;
  timesRedeemed: number;
  metadata: Metadata;
  firstTimeTransaction: boolean;
  minimumAmount: number | null;
}

export interface EventRec {
  id: string;
  created: number;
  type: string;
  account: string | null;
  /** The full event, serialized once when it happened (data.object is a snapshot). */
  json: string;
}
