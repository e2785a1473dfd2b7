// Contract handlers of the overview domain (the Overview page's KPIs).
import type { Handlers } from '../api/context';
import type { overviewContract } from '../../shared/contract/overview';
import { overviewSummary } from './queries';

export const overviewHandlers: Handlers<keyof typeof overviewContract> = {
  'overview.summary': (ctx, input) => overviewSummary(ctx.sqlite, input.period, ctx.clock.now()),
};
