// Reconciliation's place in the projection registry: its runs and locks are console records, which a ledger rebuild
// never clears or rewrites.
import type { DomainProjection } from '../projection/registry';

export const reconProjection: DomainProjection = {
  domain: 'recon',
  tables: [
    { name: 'reconciliation_reports', kind: 'record' },
    { name: 'reconciliation_locks', kind: 'record' },
  ],
};
