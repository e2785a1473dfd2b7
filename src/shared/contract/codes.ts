// Discount and referral codes: the list and one code's insight, creating (one, or a batch as one job), changing and
// re-sending them to Stripe, the referrers' league table, and CSV files of a batch and of the referrers.
import { z } from 'zod';
import { method, type Page } from './define';
import { isoDate, pageInput, uuid } from './common';
import type { JobItem } from './jobs';
import { CODE_PATTERN, FIRST_CHARACTER, PREFIX_MAX } from '../codes';

export type CodeKind = 'discount' | 'referral';
export type CodeStatus = 'active' | 'paused' | 'expired' | 'exhausted';

/** How a code stands in Stripe. */
export type CodeStripeState =
  /** Stripe has the code with the console's terms. */
  | { state: 'in_step' }
  /** Writes are on their way (or waiting for a person: `detail` says what). */
  | { state: 'sending'; detail: string | null; jobId: string | null }
  /** Stripe refused the last change: the reason, and the code can be sent again. */
  | { state: 'refused'; reason: string; jobId: string | null }
  /** Stripe's code differs from the console's (changed in Stripe): it can be sent again. */
  | { state: 'out_of_step'; reason: string }
  /** Made in Stripe, not by the console: its terms are Stripe's until someone takes it over. */
  | { state: 'stripe_only' };

/** Something about a code that a person should look at. */
export interface CodeFlag {
  kind: 'count_differs' | 'made_in_stripe' | 'own_referrer';
  message: string;
}

export interface CodeRow {
  id: string;
  kind: CodeKind;
  code: string;
  percentage: number;
  /** Succeeded payments that used it (refunded ones too). */
  usesCount: number;
  /** null: no limit. */
  maxUses: number | null;
  /** Last UK date the code works on, inclusive. */
  expiresOn: string | null;
  /** What the console wants: deactivating takes effect here at once. */
  isActive: boolean;
  status: CodeStatus;
  referrer: { id: string; name: string } | null;
  /** What the payments that used it brought in (what learners paid). */
  revenuePence: number;
  /** Made by the console, or in Stripe (and perhaps taken over since). */
  madeIn: 'console' | 'stripe';
  /** Who made it in the console (null for a code made in Stripe). */
  createdBy: string | null;
  /** Who took over a code made in Stripe. */
  takenOverBy: string | null;
  createdAt: number;
  /** Codes generated together. */
  batchId: string | null;
  stripe: CodeStripeState;
  /** The Stripe promotion code this row mirrors. */
  stripePromotionCodeId: string | null;
  /** Its page in the Stripe Dashboard, opened outside the app. */
  dashboardUrl: string | null;
  /** Redemptions Stripe counted (null: not in Stripe). */
  stripeTimesRedeemed: number | null;
  flags: CodeFlag[];
}

/** A write made for a code, newest first. */
export interface CodeWrite extends JobItem {
  writeId: string;
  jobId: string | null;
  requestedBy: string | null;
  requestedAt: number;
}

export interface CodePromotion {
  id: string;
  active: boolean;
  maxRedemptions: number | null;
  expiresOn: string | null;
  timesRedeemed: number;
  percentage: number | null;
  createdAt: number;
  /** The one the code's row mirrors. */
  mirrored: boolean;
  dashboardUrl: string;
}

export interface CodeDetail {
  code: CodeRow;
  /** Weekly uses and revenue (weeks start on Monday, UK dates), oldest first, gaps filled with zero. */
  weeks: { week: string; uses: number; revenuePence: number }[];
  totals: {
    uses: number;
    revenuePence: number;
    /** What the platform gave away (it absorbs discounts). */
    discountPence: number;
    refundedPence: number;
    /** The platform's fee after the discount; negative is a subsidy. */
    netFeePence: number;
    instructorPence: number;
  };
  /** Payments by the code's own referrer (a referral code cannot be used by them). */
  ownReferrerUses: number;
  promotions: CodePromotion[];
  writes: CodeWrite[];
}

export interface ReferrerRow {
  referrer: { id: string; name: string; email: string };
  codes: string[];
  /** Learners other than the referrer who paid with one of their codes. */
  referredLearners: number;
  uses: number;
  revenuePence: number;
  discountPence: number;
}

export interface CsvFile {
  filename: string;
  csv: string;
}

export const CODE_SORTS = ['code', 'percentage', 'uses', 'expires', 'created'] as const;
export const REFERRER_SORTS = ['learners', 'revenue', 'uses'] as const;

const code = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(
    z
      .string()
      .regex(CODE_PATTERN, 'A code is 4 to 32 characters: only letters A–Z, digits and dashes.')
      .regex(FIRST_CHARACTER, 'A code must start with a letter or a digit.'),
  );
const percentage = z
  .int('Enter the percentage off as a whole number, like 15.')
  .min(1, 'The percentage off must be at least 1%.')
  .max(100, 'The percentage off must be at most 100%.');
const maxUses = z
  .int('Enter the maximum uses as a whole number, or leave it blank for no limit.')
  .min(1, 'Maximum uses must be at least 1 (or blank for no limit).')
  .max(1_000_000, 'Maximum uses can be at most 1,000,000 (or blank for no limit).')
  .nullable();
const note = z.string().trim().max(500).optional();

/**
 * A code's definition and its writes; projecting it links payments that named its text (whose uses triggers on
 * payments then count in code_use_counts) and reads its coupon.
 */
const CODE_WRITES = [
  'code_definitions',
  'discount_codes',
  'referral_codes',
  'payments',
  'code_use_counts',
  'projection_refs',
  'projection_keys',
  'unattributed_objects',
  'jobs',
  'stripe_requests',
  'audit_logs',
] as const;
const CODE_READS = [
  'code_definitions',
  'discount_codes',
  'referral_codes',
  'users',
  'stripe_objects',
  'stripe_requests',
  // A code's detail reads the promotion codes its text roots read.
  'projection_refs',
  'projection_keys',
] as const;

export const codesContract = {
  'codes.list': method<Page<CodeRow>>()({
    input: pageInput(CODE_SORTS, 'created').extend({
      kind: z.enum(['discount', 'referral']).default('discount'),
      status: z.enum(['active', 'paused', 'expired', 'exhausted']).optional(),
      q: z.string().trim().max(64).optional(),
    }),
    access: 'signedIn',
    reads: [...CODE_READS, 'payments', 'operators'],
    writes: [],
    summary:
      'Discount or referral codes with usage, limits, expiry, revenue, who made them and how each stands in Stripe.',
  }),
  'codes.csv': method<CsvFile>()({
    input: z.strictObject({
      kind: z.enum(['discount', 'referral']).default('discount'),
      status: z.enum(['active', 'paused', 'expired', 'exhausted']).optional(),
      q: z.string().trim().max(64).optional(),
      sort: pageInput(CODE_SORTS, 'created').shape.sort,
    }),
    access: 'signedIn',
    reads: [...CODE_READS, 'payments', 'operators'],
    writes: [],
    summary: 'Every code matching the list’s filters, in its order, as a CSV file.',
  }),
  'codes.get': method<CodeDetail>()({
    input: z.strictObject({ codeId: uuid }),
    access: 'signedIn',
    reads: [...CODE_READS, 'payments', 'operators'],
    writes: [],
    summary:
      "One code's insight: uses and revenue by week, discount cost, refunds, net fee, its Stripe promotion codes and writes.",
  }),
  'codes.create': method<{ codeId: string; code: string; jobId: string }>()({
    input: z.strictObject({
      kind: z.enum(['discount', 'referral']),
      code,
      percentage,
      maxUses,
      expiresOn: isoDate.nullable(),
      referrerId: uuid.optional(),
      note,
    }),
    access: ['finance', 'manager'],
    reads: CODE_READS,
    writes: CODE_WRITES,
    summary: 'Creates a code (audited) and mirrors it to Stripe as a coupon and a promotion code, as a job.',
  }),
  'codes.generate': method<{ batchId: string; jobId: string; codes: string[] }>()({
    input: z.strictObject({
      prefix: z
        .string()
        .trim()
        .transform((s) => s.toUpperCase())
        .pipe(
          z
            .string()
            .regex(/^[A-Z0-9-]+$/, 'A prefix uses only letters A–Z, digits and dashes.')
            .regex(FIRST_CHARACTER, 'A prefix must start with a letter or a digit.')
            .max(PREFIX_MAX, `A prefix can be at most ${PREFIX_MAX} characters.`),
        ),
      count: z
        .int('Enter how many codes as a whole number.')
        .min(1, 'Generate at least 1 code.')
        .max(1000, 'Generate at most 1,000 codes at a time.'),
      percentage,
      maxUses,
      expiresOn: isoDate.nullable(),
      note,
    }),
    access: ['finance', 'manager'],
    reads: CODE_READS,
    writes: CODE_WRITES,
    summary: 'Generates N unique discount codes with a prefix, all mirrored to Stripe as one job.',
  }),
  'codes.update': method<{ jobId: string | null }>()({
    input: z
      .strictObject({
        codeId: uuid,
        active: z.boolean().optional(),
        maxUses: maxUses.optional(),
        expiresOn: isoDate.nullable().optional(),
        note,
      })
      .refine((i) => i.active !== undefined || i.maxUses !== undefined || i.expiresOn !== undefined, {
        message: 'Say what to change: whether it is active, its maximum uses or its expiry date.',
      }),
    access: ['finance', 'manager'],
    reads: CODE_READS,
    writes: CODE_WRITES,
    summary:
      'Changes a code (active, max uses, expiry): in effect in the console at once, audited, then sent to Stripe as a job.',
  }),
  'codes.resend': method<{ jobId: string }>()({
    input: z.strictObject({ codeId: uuid }),
    access: ['finance', 'manager'],
    reads: CODE_READS,
    writes: ['jobs', 'stripe_requests', 'audit_logs'],
    summary: 'Sends a code to Stripe again after Stripe refused it or it was changed in Stripe.',
  }),
  'codes.adopt': method<{ codeId: string }>()({
    input: z.strictObject({ codeId: uuid, note }),
    access: ['finance', 'manager'],
    reads: CODE_READS,
    writes: ['code_definitions', 'discount_codes', 'referral_codes', 'audit_logs'],
    summary:
      'Takes over a code made in Stripe: the console records its current terms and manages it from then on.',
  }),
  'codes.batchCsv': method<CsvFile>()({
    input: z.strictObject({ batchId: uuid }),
    access: 'signedIn',
    reads: CODE_READS,
    writes: [],
    summary:
      'The codes of a generated batch as a CSV file (code, percentage, limit, expiry, state in Stripe).',
  }),
  'codes.referrers': method<Page<ReferrerRow>>()({
    input: pageInput(REFERRER_SORTS, 'learners').extend({ q: z.string().trim().max(64).optional() }),
    access: 'signedIn',
    reads: ['referral_codes', 'payments', 'users'],
    writes: [],
    summary: 'Referrers ranked by the learners they referred and the revenue those payments brought.',
  }),
  'codes.referrersCsv': method<CsvFile>()({
    input: z.strictObject({ sort: z.enum(REFERRER_SORTS).default('learners') }),
    access: 'signedIn',
    reads: ['referral_codes', 'payments', 'users'],
    writes: [],
    summary: 'Every referrer with referred learners, uses and revenue, as a CSV file.',
  }),
};
