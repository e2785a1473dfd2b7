// Sync bench: end-to-end backfill over HTTP from a simulator in its own process into a fresh workspace, rate limit off.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { startSimulatorProcess } from './simulator-process';
import { largeFraction, type ScenarioOptions } from '../../src/main/simulator/index';
import { createCore } from '../../src/main/core';
import type { Sqlite } from '../../src/main/db/open';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { connectStripe } from '../../src/main/sync/connect';

const KEY = 'sk_test_benchsync0000';
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * `small`: the large preset at 1/100 of its people and payments (LPLATE_BENCH_FRACTION overrides the share);
 * `large`: the whole preset.
 */
function scenario(scale: 'small' | 'large'): { options: ScenarioOptions; fraction: number } {
  const fraction = scale === 'large' ? 1 : Number(process.env.LPLATE_BENCH_FRACTION ?? 1 / 100);
  return { fraction, options: { ...largeFraction(fraction), seed: 42 } };
}

/** SQLite's page cache limit: a negative cache_size is in KiB, a positive one in pages. */
function cacheMB(sqlite: Sqlite): number {
  const size = sqlite.pragma('cache_size', { simple: true }) as number;
  const bytes = size < 0 ? -size * 1024 : size * (sqlite.pragma('page_size', { simple: true }) as number);
  return round1(bytes / 1024 / 1024);
}

/** Bytes this process has had written to disk so far (Linux's /proc/self/io), or null where that is not known. */
function diskWrittenBytes(): number | null {
  try {
    const match = /^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export const benches: Bench[] = [
  {
    name: 'sync.backfill',
    async run({ scale, report }) {
      const { options, fraction } = scenario(scale);
      const sim = await startSimulatorProcess({ seed: 42, scenario: options, payoutSchedule: 'weekly' });
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-sync-'));
      let sampledRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (sampledRss = Math.max(sampledRss, process.memoryUsage().rss)), 100);
      const core = await createCore({
        workspaceDir: dir,
        migrationsDir: MIGRATIONS_DIR,
        autoSync: false,
        log: () => {},
        stripeApi: { host: '127.0.0.1', port: sim.ready.port, protocol: 'http' },
        secrets: { get: () => KEY, set: () => {}, delete: () => {} },
        sync: { rateLimitPerSecond: 0 },
      });
      try {
        const t = performance.now();
        const cpu = process.cpuUsage();
        const writtenBefore = diskWrittenBytes();
        const jobId = await connectStripe(core.services, core.sync, KEY, { userId: null });
        const job = await core.sync.wait(jobId);
        const seconds = (performance.now() - t) / 1000;
        const used = process.cpuUsage(cpu);
        const writtenAfter = diskWrittenBytes();
        clearInterval(sampler);
        const { sqlite } = core.services;
        const one = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
        const objects = one('SELECT count(*) FROM stripe_observations');
        const events = one('SELECT count(*) FROM stripe_events');
        const simulator = await sim.stop();
        report({
          bench: 'sync.backfill',
          value: Math.round((objects + events) / seconds),
          unit: 'objects/s',
          scale,
          fractionOfLargePreset: fraction,
          jobState: job?.state,
          objectsListed: objects,
          eventsApplied: events,
          wallSeconds: round1(seconds),
          consoleCpuSeconds: { user: round1(used.user / 1e6), system: round1(used.system / 1e6) },
          journalTransactions: one('SELECT count(*) FROM journal_transactions'),
          payments: one('SELECT count(*) FROM payments'),
          openSyncErrors: one('SELECT count(*) FROM sync_errors WHERE resolved_at IS NULL'),
          peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
          sampledPeakRssMB: mb(sampledRss),
          sqliteCacheMB: cacheMB(sqlite),
          databaseMB: mb(statSync(join(dir, 'lplate.sqlite')).size),
          diskWrittenMB:
            writtenBefore === null || writtenAfter === null ? undefined : mb(writtenAfter - writtenBefore),
          note: 'peak RSS is the console process alone (getrusage high-water mark) and includes the SQLite page cache; the simulator runs in a child process',
          simulator: {
            generateSeconds: round1(sim.ready.generateSeconds),
            rssAfterGenerateMB: sim.ready.rssMB,
            peakRssMB: simulator?.peakRssMB,
            servingCpuSeconds: simulator ? round1(simulator.cpuSeconds - sim.ready.cpuSeconds) : undefined,
          },
          rateLimit: 'off',
        });
      } finally {
        clearInterval(sampler);
        core.close();
        sim.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
