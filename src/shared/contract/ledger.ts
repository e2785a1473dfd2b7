// Contract methods of the ledger domain: the ledger's hash, a rebuild from stored Stripe inputs, invariants, unattributed objects.
import { z } from 'zod';
import { method, type Page } from './define';
import { noInput } from './common';
import { PROJECTED_TABLES } from './tables';

export interface LedgerHash {
  hash: string;
  tables: { name: string; rows: number }[];
}

export interface RebuildReport {
  before: string;
  after: string;
  identical: boolean;
  inputs: number;
  seconds: number;
}

export interface Violation {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface InvariantReport {
  ok: boolean;
  violations: Violation[];
}

export interface UnattributedObject {
  objectId: string;
  objectType: string;
  /** `missing_metadata`, `instructor_unknown`, `referrer_unknown`, `coupon_unknown`, `unsupported_code`. */
  reason: string;
  message: string;
  amountPence: number | null;
  /** Stripe's created time, epoch ms. */
  created: number;
}

export const ledgerContract = {
  'ledger.hash': method<LedgerHash>()({
    input: noInput,
    access: ['finance', 'manager', 'admin'],
    reads: [...PROJECTED_TABLES, 'lesson_completions'],
    writes: [],
    summary:
      'A sha256 over the projected tables, the journal and the stored Stripe objects, in a stable order.',
  }),
  'ledger.rebuild': method<RebuildReport>()({
    input: noInput,
    access: ['finance', 'admin'],
    reads: [...PROJECTED_TABLES, 'stripe_events', 'stripe_observations', 'lesson_completions'],
    writes: [...PROJECTED_TABLES, 'stripe_events', 'stripe_observations', 'sync_errors', 'audit_logs'],
    summary:
      'Rebuilds the projection and journal from stored raw Stripe inputs and recorded completions; compares hashes.',
  }),
  'ledger.invariants': method<InvariantReport>()({
    input: noInput,
    access: 'signedIn',
    reads: ['journal_lines', 'journal_transactions', 'payments', 'refunds', 'earnings', 'payouts'],
    writes: [],
    summary:
      'Checks that every transaction balances and that prepaid and payable balances match their sources.',
  }),
  'ledger.unattributed': method<Page<UnattributedObject>>()({
    input: z.strictObject({
      page: z.int().min(1).max(1_000_000).default(1),
      pageSize: z.int().min(1).max(500).default(50),
    }),
    access: 'signedIn',
    reads: ['unattributed_objects', 'stripe_objects'],
    writes: [],
    summary: 'Stripe objects kept but not attributed to a learner, instructor or payout, newest first.',
  }),
};
