// Contract handlers of the ledger domain.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import type { ledgerContract } from '../../shared/contract/ledger';
import { ledgerHash } from '../projection/hash';
import { rebuildLedger } from '../sync/rebuild';
import { checkInvariants } from './invariants';

export const ledgerHandlers: Handlers<keyof typeof ledgerContract> = {
  'ledger.hash': (ctx) => ledgerHash(ctx.projection, ctx.sqlite),
  'ledger.rebuild': (ctx) =>
    rebuildLedger(ctx.projection, ctx.sqlite, ctx.clock.now(), requireOperator(ctx).id),
  'ledger.invariants': (ctx) => checkInvariants(ctx.projection, ctx.sqlite),
};
