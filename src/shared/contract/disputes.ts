// Disputes (chargebacks) as Stripe reports them, and finance's decision on the instructor's share of a lost one.
import { z } from 'zod';
import { method, type Page } from './define';
import { pageInput, uuid } from './common';
import { PROJECTION_WRITES } from './tables';

export type DisputeDecision = 'claw_back' | 'absorb';

export interface DisputeRow {
  id: string;
  status: string;
  amountPence: number;
  reason: string;
  createdAt: number;
  /** Evidence is due by this instant (null once Stripe no longer asks for it). */
  evidenceDueBy: number | null;
  /** Whole days until the evidence is due (negative when past), null when none is asked for. */
  daysLeft: number | null;
  /** The disputed payment, with its page in the Stripe Dashboard. */
  payment: { id: string; paymentIntentId: string; dashboardUrl: string } | null;
  learner: { id: string; name: string } | null;
  instructor: { id: string; name: string } | null;
  /** What the instructor earned from the lost payment's lessons: finance decides whether to claw it back. */
  instructorSharePence: number;
  decision: {
    decision: DisputeDecision;
    note: string;
    decidedBy: string;
    decidedAt: number;
    instructorSharePence: number;
  } | null;
  /** A lost dispute with no decision yet. */
  needsDecision: boolean;
  /** The dispute's own page in the Stripe Dashboard, where evidence is submitted or the dispute accepted. */
  dashboardUrl: string;
}

export const DISPUTE_SORTS = ['created', 'due', 'amount'] as const;
const DISPUTE_READS = [
  'stripe_objects',
  'payments',
  'users',
  'instructors',
  'earnings',
  'dispute_decisions',
] as const;

export const disputesContract = {
  'disputes.list': method<Page<DisputeRow>>()({
    input: pageInput(DISPUTE_SORTS, 'created').extend({
      status: z.enum(['open', 'won', 'lost']).optional(),
      paymentId: uuid.optional(),
    }),
    access: 'signedIn',
    reads: DISPUTE_READS,
    writes: [],
    summary:
      'Disputes with status, amount, reason, evidence due date and days left, and decisions on lost ones.',
  }),
  'disputes.decide': method<{ disputeId: string }>()({
    input: z.strictObject({
      disputeId: z.string().regex(/^(dp|du)_[A-Za-z0-9]+$/, 'Enter a Stripe dispute id, like dp_1Abc….'),
      decision: z.enum(['claw_back', 'absorb']),
      note: z.string().trim().min(1, 'A note is required: say why.').max(500),
    }),
    access: ['finance', 'manager'],
    reads: DISPUTE_READS,
    writes: ['dispute_decisions', 'audit_logs', 'clawbacks', 'jobs', 'stripe_requests', ...PROJECTION_WRITES],
    summary:
      "Records finance's decision on the instructor's share of a lost dispute (audited): absorb it, or claw it back (journaled; earnings not transferred are cancelled, transferred ones reversed in Stripe as a job).",
  }),
};
