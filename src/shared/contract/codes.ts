// Discount and referral codes as the console mirrors them from Stripe, and pausing or resuming one in Stripe.
import { z } from 'zod';
import { method, type Page } from './define';
import { pageInput, uuid } from './common';
import type { JobItem } from './jobs';

export type CodeKind = 'discount' | 'referral';
export type CodeStatus = 'active' | 'paused' | 'expired' | 'exhausted';

/** The latest pause or resume asked of Stripe for a code: on its way, done, or refused. */
export interface CodeChange {
  requestId: string;
  jobId: string | null;
  /** What was asked: active (resume) or not (pause). */
  active: boolean;
  state: JobItem['state'];
  /** Why Stripe refused, or what it is waiting for. */
  detail: string | null;
  requestedBy: string | null;
  requestedAt: number;
}

export interface CodeRow {
  id: string;
  kind: CodeKind;
  code: string;
  percentage: number;
  usesCount: number;
  /** null: no limit. */
  maxUses: number | null;
  /** Last UK date the code works on, inclusive. */
  expiresOn: string | null;
  /** Usable now: its promotion code is active and its coupon still valid. */
  isActive: boolean;
  /** Whether its promotion code is active in Stripe (what pausing and resuming change). */
  activeInStripe: boolean;
  status: CodeStatus;
  referrer: { id: string; name: string } | null;
  /** The Stripe promotion code this row mirrors (pausing needs one). */
  stripePromotionCodeId: string | null;
  /** Its page in the Stripe Dashboard, opened outside the app. */
  dashboardUrl: string | null;
  change: CodeChange | null;
  createdAt: number;
}

export const CODE_SORTS = ['code', 'percentage', 'uses', 'expires', 'created'] as const;

export const codesContract = {
  'codes.list': method<Page<CodeRow>>()({
    input: pageInput(CODE_SORTS, 'created').extend({
      kind: z.enum(['discount', 'referral']).default('discount'),
      status: z.enum(['active', 'paused', 'expired', 'exhausted']).optional(),
      q: z.string().trim().max(64).optional(),
    }),
    access: 'signedIn',
    reads: ['discount_codes', 'referral_codes', 'users', 'stripe_requests'],
    writes: [],
    summary:
      'Discount or referral codes with their usage, limits, expiry and any change on its way to Stripe.',
  }),
  'codes.setActive': method<{ jobId: string; requestId: string }>()({
    input: z.strictObject({
      codeId: uuid,
      active: z.boolean(),
      note: z.string().trim().max(500).optional(),
    }),
    access: ['finance', 'manager', 'admin'],
    reads: ['discount_codes', 'referral_codes', 'stripe_requests', 'stripe_objects'],
    writes: ['jobs', 'stripe_requests', 'audit_logs'],
    summary:
      'Pauses or resumes a code in Stripe (its promotion code): recorded and audited, then sent through the outbox as a job.',
  }),
};
