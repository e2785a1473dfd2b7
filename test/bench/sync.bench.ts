// Sync bench: end-to-end backfill over HTTP from the simulator into a fresh workspace, rate limit off.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { PRESETS, startSimulator, type ScenarioOptions } from '../../src/main/simulator/index';
import { createCore } from '../../src/main/core';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { connectStripe } from '../../src/main/sync/connect';

const KEY = 'sk_test_benchsync0000';
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * `small`: the large preset at 1/100 of its people and payments (LPLATE_BENCH_FRACTION overrides the share);
 * `large`: the whole preset.
 */
function scenario(scale: 'small' | 'large'): { options: ScenarioOptions; fraction: number } {
  const fraction = scale === 'large' ? 1 : Number(process.env.LPLATE_BENCH_FRACTION ?? 1 / 100);
  const p = PRESETS.large;
  return {
    fraction,
    options: {
      ...p,
      seed: 42,
      instructors: Math.max(5, Math.round(p.instructors * fraction)),
      learners: Math.max(50, Math.round(p.learners * fraction)),
      paymentsPerWeek: Math.max(20, Math.round(p.paymentsPerWeek * fraction)),
    },
  };
}

export const benches: Bench[] = [
  {
    name: 'sync.backfill',
    async run({ scale, report }) {
      const { options, fraction } = scenario(scale);
      const g = performance.now();
      const sim = await startSimulator({ port: 0, seed: 42, scenario: options, payoutSchedule: 'weekly' });
      const generateSeconds = (performance.now() - g) / 1000;
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-sync-'));
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const core = await createCore({
        workspaceDir: dir,
        migrationsDir: MIGRATIONS_DIR,
        autoSync: false,
        log: () => {},
        stripeApi: { host: '127.0.0.1', port: sim.port, protocol: 'http' },
        secrets: { get: () => KEY, set: () => {}, delete: () => {} },
        sync: { rateLimitPerSecond: 0 },
      });
      try {
        const t = performance.now();
        const jobId = await connectStripe(core.services, core.sync, KEY, { userId: null });
        const job = await core.sync.wait(jobId);
        const seconds = (performance.now() - t) / 1000;
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        const { sqlite } = core.services;
        const one = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
        const objects = one('SELECT count(*) FROM stripe_observations');
        const events = one('SELECT count(*) FROM stripe_events');
        report({
          bench: 'sync.backfill',
          value: Math.round((objects + events) / seconds),
          unit: 'objects/s',
          scale,
          fractionOfLargePreset: fraction,
          jobState: job?.state,
          objectsListed: objects,
          eventsApplied: events,
          wallSeconds: Math.round(seconds * 10) / 10,
          journalTransactions: one('SELECT count(*) FROM journal_transactions'),
          payments: one('SELECT count(*) FROM payments'),
          openSyncErrors: one('SELECT count(*) FROM sync_errors WHERE resolved_at IS NULL'),
          peakRssMB: mb(peakRss),
          note: 'simulator and its generated scenario live in the same process, so peak RSS includes them',
          scenarioGenerateSeconds: Math.round(generateSeconds * 10) / 10,
          rateLimit: 'off',
        });
      } finally {
        clearInterval(sampler);
        core.close();
        await sim.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
