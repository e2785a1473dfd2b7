// Contract methods of the ledger domain: the ledger's hash, a rebuild from stored Stripe inputs, invariants.
import { method } from './define';
import { noInput } from './common';
import { PROJECTED_TABLES, PROJECTION_WRITES } from './tables';

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

export const ledgerContract = {
  'ledger.hash': method<LedgerHash>()({
    input: noInput,
    access: ['finance', 'manager', 'admin'],
    reads: [...PROJECTED_TABLES, 'lesson_completions', 'attributions'],
    writes: [],
    summary:
      'A sha256 over the projected tables, the journal and the stored Stripe objects, in a stable order.',
  }),
  'ledger.rebuild': method<RebuildReport>()({
    input: noInput,
    access: ['finance', 'admin'],
    reads: [
      ...PROJECTED_TABLES,
      'stripe_events',
      'stripe_observations',
      'lesson_completions',
      'attributions',
    ],
    writes: [
      ...PROJECTION_WRITES,
      'recon_payment_proof',
      'stripe_events',
      'stripe_observations',
      'sync_errors',
      'audit_logs',
    ],
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
};
