// The sync's part of the projection: the merged newest state of each Stripe object, rebuilt from the stored inputs.
import type { DomainProjection } from '../projection/registry';

export const stripeObjectsProjection: DomainProjection = {
  domain: 'stripe',
  tables: [
    {
      name: 'stripe_objects',
      kind: 'projected',
      // The state's JSON as read through its reference, not the reference: equal inputs may hold the same state
      // (two events, or a shuffled replay picking the other), and the hash proves the state, as it did when copied.
      hash: 'SELECT id, object_type, account, created, version, payload, observed_at FROM stripe_object_states ORDER BY id',
    },
  ],
};
