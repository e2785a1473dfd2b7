// The ledger's part of the projection: the journal every domain posts to, and the platform's own payouts to its bank.
import type { DomainProjection } from '../projection/registry';
import { unbalancedTransactions } from './invariants';
import { projectPlatformPayout } from './projectors/platform-payout';

export const ledgerProjection: DomainProjection = {
  domain: 'ledger',
  projectors: { payout: projectPlatformPayout },
  routes: { payout: (p) => `payout:${p.id}` },
  tables: [
    {
      name: 'journal_transactions',
      kind: 'projected',
      hash: 'SELECT * FROM journal_transactions ORDER BY id',
    },
    {
      name: 'journal_lines',
      kind: 'projected',
      hash: 'SELECT * FROM journal_lines ORDER BY transaction_id, line_no',
    },
    {
      name: 'journal_daily_totals',
      kind: 'projected',
      hash: 'SELECT * FROM journal_daily_totals ORDER BY day, account, kind',
    },
    {
      name: 'instructor_transfer_totals',
      kind: 'projected',
      hash: 'SELECT * FROM instructor_transfer_totals ORDER BY bucket, instructor_id',
    },
    {
      name: 'instructor_list',
      kind: 'projected',
      hash: 'SELECT * FROM instructor_list ORDER BY instructor_id',
    },
  ],
  invariants: unbalancedTransactions,
};
