// Contract handlers of the reconciliation domain.
import type { Handlers } from '../api/context';
import type { reconContract } from '../../shared/contract/recon';
import { reconCharts } from './charts';
import { startReportExport } from './report-export';
import { keptReadStatus } from './kept-warm';
import { startReconciliation } from './run-job';
import { getReport, listLocks, listRuns, lockPeriod } from './runs';

export const reconHandlers: Handlers<keyof typeof reconContract> = {
  'recon.run': (ctx, input) => startReconciliation(ctx, input.period, input.fullRead),
  'recon.keptRead': (ctx) => keptReadStatus(ctx),
  'recon.get': (ctx, input) => getReport(ctx, input.reportId),
  'recon.history': (ctx, input) => listRuns(ctx, input),
  'recon.lock': (ctx, input) => lockPeriod(ctx, input.reportId),
  'recon.locks': (ctx) => listLocks(ctx),
  'recon.charts': (ctx, input) => reconCharts(ctx.sqlite, input),
  'recon.export': (ctx, input) => startReportExport(ctx, input.reportId, input.format),
};
