// Contract handlers of the Unattributed inbox.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import type { unattributedContract } from '../../shared/contract/unattributed';
import { listOpen, listResolved } from './inbox';
import { resolveUnattributed } from './resolve';

export const unattributedHandlers: Handlers<keyof typeof unattributedContract> = {
  'unattributed.list': (ctx, { state, ...paging }) =>
    state === 'open'
      ? listOpen(ctx.sqlite, ctx.workspace.mode, paging)
      : listResolved(ctx.sqlite, ctx.workspace.mode, paging),
  'unattributed.resolve': (ctx, input) =>
    resolveUnattributed(ctx.projection, ctx.sqlite, input, ctx.clock.now(), requireOperator(ctx).id),
};
