// The workspace each reconciliation test file works in: the small simulated marketplace of July 2026 (with its
// planted anomalies), synced, its lesson completions imported, and finance, a manager and support signed in.
import Stripe from 'stripe';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { importCompletionsCsv } from '../../../src/main/credits/import-completions';
import { PROJECTION } from '../../../src/main/domains';
import { chromiumPdf } from '../../../src/main/documents/chromium-pdf';
import type { ReconPeriod } from '../../../src/shared/contract/recon';
import {
  connectAndSync,
  contractCaller,
  FIXED_NOW,
  jobEnded,
  openSyncCore,
  runJob,
  signedInOperators,
  startSmallSimulator,
  TEST_KEY,
  type SyncCore,
} from '../sync/harness';

export const JULY: ReconPeriod = { kind: 'month', from: '2026-07-01', to: '2026-07-31' };
/** Before the first planted anomaly (day 9, 10 July). */
export const FIRST_WEEK: ReconPeriod = { kind: 'week', from: '2026-06-29', to: '2026-07-05' };

export function reconWorkspace(seed: number) {
  let sim: RunningSimulator | undefined;
  let c: SyncCore | undefined;
  beforeAll(async () => {
    sim = await startSmallSimulator(seed);
    c = await openSyncCore(sim.port, { pdf: chromiumPdf() });
    expect((await connectAndSync(c.core))?.state).toBe('done');
    const report = importCompletionsCsv(
      PROJECTION,
      c.core.services.sqlite,
      sim.scenario!.completionsCsv(),
      FIXED_NOW,
    );
    expect(report.errors).toEqual([]);
    await signedInOperators(c.core, [
      { username: 'fin', name: 'Fin Ance', role: 'finance' },
      { username: 'man', name: 'Mandy Ager', role: 'manager' },
      { username: 'sup', name: 'Sue Port', role: 'support' },
    ]);
  });
  afterAll(async () => {
    c?.close();
    await sim?.close();
  });
  const call: ReturnType<typeof contractCaller> = (...args) => contractCaller(c!.core)(...args);
  return {
    get sim() {
      return sim!;
    },
    get c() {
      return c!;
    },
    call,
    /** Calls and returns the refusal's code (throws if the call succeeded). */
    refused: async (...args: Parameters<typeof call>) => {
      try {
        await call(...args);
      } catch (e) {
        return (e as { code: string }).code;
      }
      throw new Error(`${args[1]} succeeded`);
    },
    ended: (jobId: string, who: string) => jobEnded(c!.core, jobId, who),
    sync: () => runJob(c!.core, 'sync'),
    stripe: () => new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim!.port, protocol: 'http' }),
    anomaly: (kind: string) => sim!.scenario!.anomalies.find((a) => a.kind === kind)!.ids,
  };
}
