// The sync's part of the projection: the merged newest state of each Stripe object, rebuilt from the stored inputs.
import type { DomainProjection } from '../projection/registry';

export const stripeObjectsProjection: DomainProjection = {
  domain: 'stripe',
  tables: [
    {
      name: 'stripe_objects',
      kind: 'projected',
      hash: 'SELECT id, object_type, account, created, version, payload, observed_at FROM stripe_objects ORDER BY id',
    },
  ],
};
