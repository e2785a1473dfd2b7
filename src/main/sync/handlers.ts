// Contract handlers of the sync domain: status, on-demand passes and backfills, cancel, errors, connect/disconnect.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import type { syncContract } from '../../shared/contract/sync';
import { connectStripe, disconnectStripe } from './connect';
import { syncEngineOf } from './registry';
import { buildStatus, listSyncErrors } from './status';

export const syncHandlers: Handlers<keyof typeof syncContract> = {
  'sync.status': (ctx) => buildStatus(ctx.sqlite, syncEngineOf(ctx.sqlite).job(), ctx.clock.now()),
  'sync.run': (ctx, input) => ({
    jobId: syncEngineOf(ctx.sqlite).run(input.backfill ? 'backfill' : 'sync', requireOperator(ctx)),
  }),
  'sync.errors': (ctx, input) => listSyncErrors(ctx.sqlite, input),
  'stripe.connect': async (ctx, input) => {
    const engine = syncEngineOf(ctx.sqlite);
    const backfillJobId = await connectStripe(ctx, engine, input.secretKey, {
      userId: requireOperator(ctx).id,
    });
    return { ...buildStatus(ctx.sqlite, engine.job(), ctx.clock.now()), backfillJobId };
  },
  'stripe.disconnect': (ctx) => {
    const engine = syncEngineOf(ctx.sqlite);
    disconnectStripe(ctx, engine, requireOperator(ctx).id);
    return buildStatus(ctx.sqlite, engine.job(), ctx.clock.now());
  },
};
