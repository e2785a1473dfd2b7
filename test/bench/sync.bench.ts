// Sync bench: end-to-end backfill over HTTP from a simulator in its own process into a fresh workspace, rate limit off.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { startSimulatorProcess } from './simulator-process';
import { simulatorCore } from './simulator-core';
import { diskWrittenBytes, mb } from './disk-written';
import { runReferenceSync } from './reference-sync';
import { largeFraction, type ScenarioOptions } from '../../src/main/simulator/index';
import type { Sqlite } from '../../src/main/db/open';
import { connectStripe } from '../../src/main/sync/connect';

export const KEY = 'sk_test_benchsync0000';
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * `small`: the large preset at 1/100 of its people and payments (LPLATE_BENCH_FRACTION overrides the share);
 * `large`: the whole preset.
 */
function scenario(scale: 'small' | 'large'): { options: ScenarioOptions; fraction: number } {
  const fraction = scale === 'large' ? 1 : Number(process.env.LPLATE_BENCH_FRACTION ?? 1 / 100);
  return { fraction, options: { ...largeFraction(fraction), seed: 42 } };
}

/** How often the backfill's progress is sampled (LPLATE_BENCH_CURVE_SECONDS, at least 1; a full `large` run takes hours). */
const CURVE_SECONDS = Math.max(1, Number(process.env.LPLATE_BENCH_CURVE_SECONDS) || 60);

interface CurvePoint {
  seconds: number;
  /** Items the job has done, over all its parts (resources listed and applied, then events). */
  done: number;
  /** Items per second since the previous point. */
  rate: number;
  /** The part that moved most since the previous point: resources are listed one after another. */
  part: string | null;
}

function curvePoint(
  previous: { seconds: number; parts: Map<string, number> },
  seconds: number,
  parts: Map<string, number>,
): CurvePoint {
  let done = 0;
  let part: string | null = null;
  let most = 0;
  for (const [name, count] of parts) {
    done += count;
    const moved = count - (previous.parts.get(name) ?? 0);
    if (moved > most) [part, most] = [name, moved];
  }
  const before = [...previous.parts.values()].reduce((sum, n) => sum + n, 0);
  return {
    seconds: round1(seconds),
    done,
    rate: Math.round((done - before) / (seconds - previous.seconds)),
    part,
  };
}

/** SQLite's page cache limit: a negative cache_size is in KiB, a positive one in pages. */
function cacheMB(sqlite: Sqlite): number {
  const size = sqlite.pragma('cache_size', { simple: true }) as number;
  const bytes = size < 0 ? -size * 1024 : size * (sqlite.pragma('page_size', { simple: true }) as number);
  return round1(bytes / 1024 / 1024);
}

export const benches: Bench[] = [
  {
    name: 'sync.backfill',
    async run({ scale, report }) {
      const { options, fraction } = scenario(scale);
      // Stripe's clock moves while a backfill reads it, so the observed seconds do too.
      const sim = await startSimulatorProcess({
        seed: 42,
        scenario: options,
        payoutSchedule: 'weekly',
        wallClockDates: true,
      });
      // LPLATE_BENCH_STRIPE_LATENCY_MS: every request answered that much later, as real Stripe would.
      const latencyMs = Number(process.env.LPLATE_BENCH_STRIPE_LATENCY_MS ?? 0);
      if (latencyMs > 0)
        await fetch(`http://127.0.0.1:${sim.ready.port}/_sim/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ global: { delay: 1, delayMs: latencyMs } }),
        });
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-sync-'));
      let sampledRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (sampledRss = Math.max(sampledRss, process.memoryUsage().rss)), 100);
      const core = await simulatorCore(dir, sim.ready.port, KEY);
      const curve: CurvePoint[] = [];
      let curveTimer: NodeJS.Timeout | undefined;
      try {
        const t = performance.now();
        let previous = { seconds: 0, parts: new Map<string, number>() };
        curveTimer = setInterval(() => {
          const parts = new Map((core.sync.job()?.parts ?? []).map((p) => [p.name, p.done]));
          const seconds = (performance.now() - t) / 1000;
          const point = curvePoint(previous, seconds, parts);
          previous = { seconds, parts };
          curve.push(point);
          console.error(
            JSON.stringify({ progress: 'sync.backfill', ...point, rssMB: mb(process.memoryUsage().rss) }),
          );
        }, CURVE_SECONDS * 1000);
        const cpu = process.cpuUsage();
        const writtenBefore = diskWrittenBytes();
        const jobId = await connectStripe(core.services, core.sync, KEY, { userId: null });
        const job = await core.sync.wait(jobId);
        const seconds = (performance.now() - t) / 1000;
        clearInterval(curveTimer);
        const used = process.cpuUsage(cpu);
        const writtenAfter = diskWrittenBytes();
        clearInterval(sampler);
        const { sqlite } = core.services;
        const one = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
        const objects = one('SELECT count(*) FROM stripe_observations');
        const events = one('SELECT count(*) FROM stripe_events');
        const payments = one('SELECT count(*) FROM payments');
        const databaseBytes = statSync(join(dir, 'lplate.sqlite')).size;
        const perMillionPayments = (bytes: number) => (payments ? mb((bytes / payments) * 1e6) : undefined);
        const servedConsoleCpu = await sim.cpuSeconds();
        // Then the reference engine, on the same simulator process and the same objects, in a process of its own.
        const reference = await runReferenceSync(sim.ready.port, KEY);
        const simulator = await sim.stop();
        const value = Math.round((objects + events) / seconds);
        report({
          bench: 'sync.backfill',
          value,
          unit: 'objects/s',
          scale,
          fractionOfLargePreset: fraction,
          jobState: job?.state,
          objectsListed: objects,
          eventsApplied: events,
          wallSeconds: round1(seconds),
          consoleCpuSeconds: { user: round1(used.user / 1e6), system: round1(used.system / 1e6) },
          journalTransactions: one('SELECT count(*) FROM journal_transactions'),
          payments,
          openSyncErrors: one('SELECT count(*) FROM sync_errors WHERE resolved_at IS NULL'),
          peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
          sampledPeakRssMB: mb(sampledRss),
          sqliteCacheMB: cacheMB(sqlite),
          databaseMB: mb(databaseBytes),
          databaseMBPerMillionPayments: perMillionPayments(databaseBytes),
          diskWrittenMB:
            writtenBefore === null || writtenAfter === null ? undefined : mb(writtenAfter - writtenBefore),
          note: 'peak RSS is the console process alone (getrusage high-water mark) and includes the SQLite page cache; the simulator runs in a child process',
          simulator: {
            generateSeconds: round1(sim.ready.generateSeconds),
            rssAfterGenerateMB: sim.ready.rssMB,
            peakRssMB: simulator?.peakRssMB,
            servingCpuSeconds:
              servedConsoleCpu === null ? undefined : round1(servedConsoleCpu - sim.ready.cpuSeconds),
          },
          rateLimit: 'off',
          stripeLatencyMs: latencyMs,
          // Items done and the rate over each interval, with the resource being listed: within one resource, a rate
          // that falls as the database grows is not linear.
          rateCurve: curve,
        });
        const referenceValue = Math.round(reference.objects / reference.wallSeconds);
        report({
          bench: 'sync.backfill.reference',
          value: referenceValue,
          unit: 'objects/s',
          scale,
          fractionOfLargePreset: fraction,
          engine:
            "Stripe's own sync engine's way: raw JSON rows, one table per resource (id TEXT PRIMARY KEY, data TEXT), " +
            'one upsert per object, one transaction per page of 100, pages read one after another (test/bench/reference-sync.ts)',
          objectsStored: reference.objects,
          pages: reference.pages,
          byResource: reference.byResource,
          wallSeconds: round1(reference.wallSeconds),
          cpuSeconds: reference.cpuSeconds,
          peakRssMB: reference.peakRssMB,
          databaseMB: mb(reference.databaseBytes),
          databaseMBPerMillionPayments: perMillionPayments(reference.databaseBytes),
          diskWrittenMB: reference.diskWrittenMB,
          simulatorServingCpuSeconds:
            servedConsoleCpu === null || !simulator
              ? undefined
              : round1(simulator.cpuSeconds - servedConsoleCpu),
          console: {
            objectsPerSecond: value,
            wallSeconds: round1(seconds),
            peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
          },
          // Above 1: the console is the faster (the goal is 1.2); its wall time in multiples of the reference's.
          consoleSpeedOverReference: Math.round((value / referenceValue) * 100) / 100,
          consoleWallOverReference: Math.round((seconds / reference.wallSeconds) * 100) / 100,
          note: 'the reference runs after the console backfill, on the same simulator process (already warm); the console also reads and applies the events, which the reference does not list',
        });
      } finally {
        clearInterval(curveTimer);
        clearInterval(sampler);
        core.close();
        sim.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
