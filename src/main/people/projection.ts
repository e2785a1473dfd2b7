// The people domain's part of the projection: connected accounts become instructors, payments name learners.
import type { DomainProjection } from '../projection/registry';
import { projectAccount } from './projectors/account';
import { projectLearner, projectRate } from './projectors/people-facts';

/** Operators are `users` rows too: the projection owns every other user. */
const NOT_OPERATOR = 'NOT IN (SELECT user_id FROM operators)';

export const peopleProjection: DomainProjection = {
  domain: 'people',
  projectors: { account: projectAccount, learner: projectLearner, rate: projectRate },
  routes: { account: (a) => `account:${a.id}` },
  tables: [
    {
      name: 'users',
      kind: 'projected',
      where: `id ${NOT_OPERATOR}`,
      hash: `SELECT * FROM users WHERE id ${NOT_OPERATOR} ORDER BY id`,
    },
    {
      name: 'profiles',
      kind: 'projected',
      where: `user_id ${NOT_OPERATOR}`,
      hash: `SELECT * FROM profiles WHERE user_id ${NOT_OPERATOR} ORDER BY id`,
    },
    { name: 'instructors', kind: 'projected', hash: 'SELECT * FROM instructors ORDER BY id' },
    {
      name: 'stripe_connect_accounts',
      kind: 'projected',
      hash: 'SELECT * FROM stripe_connect_accounts ORDER BY id',
    },
  ],
};
