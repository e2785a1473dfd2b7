// The workspace each reconciliation test file works in: the small simulated marketplace of July 2026 (with its
// planted anomalies), synced, its lesson completions imported, and finance, a manager and support signed in.
import { expect } from 'vitest';
import { importCompletionsCsv } from '../../../src/main/credits/import-completions';
import { PROJECTION } from '../../../src/main/domains';
import { chromiumPdf } from '../../../src/main/documents/chromium-pdf';
import type { ReconPeriod, ReconReport } from '../../../src/shared/contract/recon';
import type { JobProgress } from '../../../src/shared/contract';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { FIXED_NOW, type contractCaller, type SyncCore } from '../sync/harness';
import { syncedWorkspace } from '../sync/workspace';

export const JULY: ReconPeriod = { kind: 'month', from: '2026-07-01', to: '2026-07-31' };
/** Before the first planted anomaly (day 9, 10 July). */
export const FIRST_WEEK: ReconPeriod = { kind: 'week', from: '2026-06-29', to: '2026-07-05' };

/** Imports the lesson completions the simulated marketplace recorded, as finance would from its CSV. */
export function importScenarioCompletions(c: SyncCore, sim: RunningSimulator): void {
  const report = importCompletionsCsv(
    PROJECTION,
    c.core.services.sqlite,
    sim.scenario!.completionsCsv(),
    FIXED_NOW,
  );
  expect(report.errors).toEqual([]);
}

type Call = ReturnType<typeof contractCaller>;

/** Starts `recon.run` (reading Stripe whole with `fullRead`) and follows its job to the end. */
export async function runJob(
  call: Call,
  who: string,
  period: ReconPeriod,
  fullRead?: boolean,
): Promise<JobProgress> {
  const { jobId } = await call(who, 'recon.run', { period, ...(fullRead ? { fullRead } : {}) });
  for (;;) {
    const job = await call(who, 'jobs.wait', { jobId, timeoutSeconds: 30 });
    if (job.state !== 'queued' && job.state !== 'running') return job;
  }
}

/** A run of the period as the page makes it: the job, then the saved run it names. */
export async function reconcile(
  call: Call,
  who: string,
  period: ReconPeriod,
  fullRead?: boolean,
): Promise<ReconReport> {
  const job = await runJob(call, who, period, fullRead);
  if (job.state !== 'done' || !job.resultId) throw new Error(`the run ended ${job.state}: ${job.message}`);
  return call(who, 'recon.get', { reportId: job.resultId });
}

export function reconWorkspace(seed: number) {
  const w = syncedWorkspace({
    seed,
    operators: [
      { username: 'fin', name: 'Fin Ance', role: 'finance' },
      { username: 'man', name: 'Mandy Ager', role: 'manager' },
      { username: 'sup', name: 'Sue Port', role: 'support' },
    ],
    core: { pdf: chromiumPdf() },
    then: async (c, sim) => importScenarioCompletions(c, sim),
  });
  return Object.assign(w, {
    reconcile: (who: string, period: ReconPeriod, fullRead?: boolean) =>
      reconcile(w.call, who, period, fullRead),
    /** Calls and returns the refusal's code (throws if the call succeeded). */
    refused: async (...args: Parameters<typeof w.call>) => {
      try {
        await w.call(...args);
      } catch (e) {
        return (e as { code: string }).code;
      }
      throw new Error(`${args[1]} succeeded`);
    },
    anomaly: (kind: string) => w.sim.scenario!.anomalies.find((a) => a.kind === kind)!.ids,
  });
}
