// The credits domain's part of the projection: recorded lesson completions consume a pair's prepaid hours, earn
// instructors their share, and Friday transfers mark those earnings paid.
import type { DomainProjection } from '../projection/registry';
import { projectPair } from './consumption';
import { payableMatchesEarnedLessPaid, prepaidMatchesUnusedHours } from './invariants';
import { payableRoot, projectPayable } from './payable';

export const creditsProjection: DomainProjection = {
  domain: 'credits',
  projectors: { pair: projectPair, payable: projectPayable },
  tables: [
    {
      name: 'learner_credits',
      kind: 'projected',
      // Not the copies of people's names the Credits page sorts and searches by: they are not ledger data.
      hash: `SELECT id, learner_id, instructor_id, hours_purchased, hours_used, is_active, created_at, updated_at,
               hours_refunded, liability_pence FROM learner_credits ORDER BY id`,
    },
    {
      name: 'lesson_completions',
      kind: 'record',
      // Who recorded a completion and when are the console's business, not the ledger's.
      hash: 'SELECT id, learner_id, instructor_id, hours, completed_at, source, external_ref, reverses_id FROM lesson_completions ORDER BY id',
    },
    // Which file brought a completion is the console's business, not the ledger's.
    { name: 'completion_imports', kind: 'record' },
    { name: 'earnings', kind: 'projected', hash: 'SELECT * FROM earnings ORDER BY id' },
  ],
  rebuildRoots: (sqlite) =>
    (
      sqlite.prepare('SELECT DISTINCT learner_id, instructor_id FROM lesson_completions').raw().all() as [
        string,
        string,
      ][]
    ).map(([learner, instructor]) => `pair:${learner}:${instructor}`),
  afterMigration: {
    // Clawbacks gained their payment's hours: every instructor's earnings are matched to transfers again.
    '0027_clawback_hours': (sqlite) =>
      (
        sqlite.prepare('SELECT DISTINCT instructor_id FROM earnings ORDER BY 1').pluck().all() as string[]
      ).map(payableRoot),
    // learner_credits gained hours_refunded and liability_pence: every pair with payments fills them.
    '0016_credits_console_records': (sqlite) =>
      (
        sqlite
          .prepare(
            `SELECT DISTINCT learner_id, instructor_id FROM payments
             WHERE learner_id IS NOT NULL AND instructor_id IS NOT NULL ORDER BY 1, 2`,
          )
          .raw()
          .all() as [string, string][]
      ).map(([learner, instructor]) => `pair:${learner}:${instructor}`),
  },
  invariants: (sqlite, scope) => [
    ...prepaidMatchesUnusedHours(sqlite, scope),
    ...payableMatchesEarnedLessPaid(sqlite, scope),
  ],
};
