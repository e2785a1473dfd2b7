// Contract handlers of the overview domain (the Overview page's KPIs and what needs attention).
import type { Handlers } from '../api/context';
import type { overviewContract } from '../../shared/contract/overview';
import { overviewSummary } from './queries';
import { attention } from './attention/index';

export const overviewHandlers: Handlers<keyof typeof overviewContract> = {
  'overview.summary': (ctx, input) => overviewSummary(ctx.sqlite, input.period, ctx.clock.now()),
  'overview.attention': (ctx) =>
    attention({ sqlite: ctx.sqlite, mode: ctx.workspace.mode, now: ctx.clock.now(), limit: 5 }),
};
