// The credits domain's part of the projection: recorded lesson completions consume a pair's prepaid hours, earn
// instructors their share, and Friday transfers mark those earnings paid.
import type { DomainProjection } from '../projection/registry';
import { projectPair } from './consumption';
import { payableMatchesEarnedLessPaid, prepaidMatchesUnusedHours } from './invariants';
import { projectPayable } from './payable';

export const creditsProjection: DomainProjection = {
  domain: 'credits',
  projectors: { pair: projectPair, payable: projectPayable },
  tables: [
    { name: 'learner_credits', kind: 'projected', hash: 'SELECT * FROM learner_credits ORDER BY id' },
    {
      name: 'lesson_completions',
      kind: 'record',
      // Who recorded a completion and when are the console's business, not the ledger's.
      hash: 'SELECT id, learner_id, instructor_id, hours, completed_at, source, external_ref FROM lesson_completions ORDER BY id',
    },
    { name: 'earnings', kind: 'projected', hash: 'SELECT * FROM earnings ORDER BY id' },
  ],
  rebuildRoots: (sqlite) =>
    (
      sqlite.prepare('SELECT DISTINCT learner_id, instructor_id FROM lesson_completions').raw().all() as [
        string,
        string,
      ][]
    ).map(([learner, instructor]) => `pair:${learner}:${instructor}`),
  invariants: (sqlite) => [...prepaidMatchesUnusedHours(sqlite), ...payableMatchesEarnedLessPaid(sqlite)],
};
