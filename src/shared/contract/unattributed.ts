// The Unattributed inbox: Stripe objects kept without the marketplace's metadata, and finance's decision on each
// (attribute it to a learner and instructor or to an instructor's payout, or mark it as not marketplace money).
import { z } from 'zod';
import { method, type Page } from './define';
import { isoDate, uuid } from './common';
import { PAYMENT_TYPES, type PaymentType } from './payments';
import { PROJECTION_WRITES } from './tables';

const KINDS: Record<string, string> = {
  payment_intent: 'Payment',
  charge: 'Payment',
  transfer: 'Transfer',
  account: 'Connected account',
  promotion_code: 'Promotion code',
  coupon: 'Coupon',
};

/** A Stripe object type in words ("Payment", "Transfer"). */
export const objectKindLabel = (objectType: string) => KINDS[objectType] ?? objectType.replace(/_/g, ' ');

export interface UnattributedDecision {
  decision: 'attributed' | 'not_marketplace';
  note: string;
  decidedBy: string;
  decidedAt: number;
  learner: { id: string; name: string } | null;
  instructor: { id: string; name: string } | null;
  paymentType: PaymentType | null;
  hours: number | null;
  payoutDate: string | null;
}

export interface UnattributedItem {
  /** The Stripe object's id (pi_…, tr_…). */
  id: string;
  /** `payment_intent`, `charge`, `transfer`, `account`, `promotion_code`… */
  objectType: string;
  /** `missing_metadata`, `instructor_unknown`, `referrer_unknown`, `coupon_unknown`, `unsupported_code`. */
  reason: string;
  message: string;
  amountPence: number | null;
  /** Stripe's created time, epoch ms. */
  created: number;
  /** The object in the Stripe Dashboard, opened outside the app. */
  stripeUrl: string;
  /** For a transfer to an instructor's connected account: that instructor (its payout is the one to attribute). */
  destination: { accountId: string; instructorId: string | null; instructorName: string | null } | null;
  /** Which resolutions main accepts for this object. */
  canAttribute: boolean;
  /** Set in the resolved list. */
  decision: UnattributedDecision | null;
}

const note = z
  .string()
  .trim()
  .min(3, 'Say in a few words why (at least 3 characters).')
  .max(500, 'Keep the note under 500 characters.');
const objectId = z
  .string()
  .trim()
  .regex(/^[a-z]+_[A-Za-z0-9_]+$/, 'Paste a Stripe id such as pi_… or tr_….')
  .max(255);

export const unattributedContract = {
  'unattributed.list': method<Page<UnattributedItem>>()({
    input: z.strictObject({
      state: z.enum(['open', 'resolved']).default('open'),
      page: z.int().min(1).max(1_000_000).default(1),
      pageSize: z.int().min(1).max(500).default(50),
    }),
    access: 'signedIn',
    reads: ['unattributed_objects', 'stripe_objects', 'attributions', 'users', 'instructors'],
    writes: [],
    summary: 'Objects kept without marketplace metadata (open, newest first) or those finance decided about.',
  }),
  'unattributed.resolve': method<{ objectId: string; decision: UnattributedDecision['decision'] }>()({
    input: z.discriminatedUnion('resolution', [
      z.strictObject({
        resolution: z.literal('attribute_payment'),
        objectId,
        learnerId: uuid,
        instructorId: uuid,
        paymentType: z.enum(PAYMENT_TYPES),
        hours: z
          .int('Hours must be a whole number.')
          .min(1, 'At least 1 hour.')
          .max(1000, 'At most 1,000 hours.'),
        note,
      }),
      z.strictObject({
        resolution: z.literal('attribute_transfer'),
        objectId,
        payoutDate: isoDate,
        note,
      }),
      z.strictObject({ resolution: z.literal('not_marketplace'), objectId, note }),
    ]),
    access: ['finance'],
    reads: ['unattributed_objects', 'stripe_objects', 'attributions', 'users', 'instructors'],
    writes: ['attributions', 'audit_logs', ...PROJECTION_WRITES],
    summary:
      'Records finance’s decision on an unattributed object (audited, kept through rebuilds) and re-projects it.',
  }),
};
