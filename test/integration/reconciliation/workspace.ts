// The workspace each reconciliation test file works in: the small simulated marketplace of July 2026 (with its
// planted anomalies), synced, its lesson completions imported, and finance, a manager and support signed in.
import { expect } from 'vitest';
import { importCompletionsCsv } from '../../../src/main/credits/import-completions';
import { PROJECTION } from '../../../src/main/domains';
import { chromiumPdf } from '../../../src/main/documents/chromium-pdf';
import type { ReconPeriod } from '../../../src/shared/contract/recon';
import { FIXED_NOW } from '../sync/harness';
import { syncedWorkspace } from '../sync/workspace';

export const JULY: ReconPeriod = { kind: 'month', from: '2026-07-01', to: '2026-07-31' };
/** Before the first planted anomaly (day 9, 10 July). */
export const FIRST_WEEK: ReconPeriod = { kind: 'week', from: '2026-06-29', to: '2026-07-05' };

export function reconWorkspace(seed: number) {
  const w = syncedWorkspace({
    seed,
    operators: [
      { username: 'fin', name: 'Fin Ance', role: 'finance' },
      { username: 'man', name: 'Mandy Ager', role: 'manager' },
      { username: 'sup', name: 'Sue Port', role: 'support' },
    ],
    core: { pdf: chromiumPdf() },
    then: async (c, sim) => {
      const report = importCompletionsCsv(
        PROJECTION,
        c.core.services.sqlite,
        sim.scenario!.completionsCsv(),
        FIXED_NOW,
      );
      expect(report.errors).toEqual([]);
    },
  });
  return Object.assign(w, {
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
