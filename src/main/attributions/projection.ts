// The attributions room's part of the projection: finance's decisions, a console record the payment and transfer
// projectors read and a rebuild never clears.
import type { DomainProjection } from '../projection/registry';

export const attributionsProjection: DomainProjection = {
  domain: 'attributions',
  tables: [
    {
      name: 'attributions',
      kind: 'record',
      // Who decided, when and why are the console's business; what was decided shapes the ledger.
      hash: `SELECT object_id, object_type, decision, learner_id, instructor_id, payment_type, hours, rate_pence,
             payout_date FROM attributions ORDER BY object_id`,
    },
  ],
};
