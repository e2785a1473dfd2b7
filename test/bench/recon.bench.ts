// The `recon` bench, over a month of the `large` preset's marketplace (10,000 instructors, 200,000 learners,
// 19,231 payments a week, anomaly-free), synced once through the real sync and cached under the temp folder:
// recon.month (goal < 2 s; a first run reading Stripe whole, second runs reading only its changes, and the month-end
// run after the background refresh), recon.invariants (the ledger invariants as a run proves them), recon.chartsQuery (a year,
// daily; goal < 200 ms), recon.lockFlag (what a lock's late-change flag costs) and export.xlsx of the month (rows/s,
// wall time, peak RSS; goal < 500 MB).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchFigure, Scale } from './bench';
import { startSimulatorProcess } from './simulator-process';
import {
  contractCaller,
  jobEnded,
  memorySecrets,
  OPERATOR_PASSWORD,
  signedInOperators,
} from '../integration/sync/harness';
import { TEST_PASSWORD_COST } from '../fixtures/core';
import { largeFraction, type ScenarioOptions } from '../../src/main/simulator/index';
import { createCore, type Core } from '../../src/main/core';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { connectStripe } from '../../src/main/sync/connect';
import { STRIPE_KEY_SECRET } from '../../src/main/sync/engine';
import { syncEngineOf } from '../../src/main/sync/registry';
import { importCompletionsCsv } from '../../src/main/credits/import-completions';
import { PROJECTION } from '../../src/main/domains';
import { readStripeSide } from '../../src/main/recon/stripe-side';
import { readStripe, refreshKept } from '../../src/main/recon/stripe-kept';
import { rollingSpan } from '../../src/main/recon/kept-warm';
import { periodFigures } from '../../src/main/recon/figures';
import { paymentChecks, runChecks } from '../../src/main/recon/checks';
import { provenPaymentChecks } from '../../src/main/recon/payment-proof';
import { provenInvariants } from '../../src/main/recon/invariant-proof';
import { reconCharts } from '../../src/main/recon/charts';
import { changesSinceLock, currentMarkSeq } from '../../src/main/recon/locks';
import { spanOf } from '../../src/main/recon/period';
import type { ReconPeriod } from '../../src/shared/contract/recon';
import { mb } from './disk-written';

const KEY = 'sk_test_benchrecon000';
const MONTH: ReconPeriod = { kind: 'month', from: '2025-07-01', to: '2025-07-31' };
/** The background refresh's rolling span on 10 August 2025: July and August, so July is last month. */
const ROLLING = rollingSpan(Date.parse('2025-08-10T09:00:00Z'));
const YEAR = { from: '2024-08-01', to: '2025-07-31' };
const ms = (t: number) => Math.round(performance.now() - t);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The large preset's rates over five weeks from 1 July 2025: `large` is the whole preset, `small` 1/100 of its people
 * and payments; LPLATE_BENCH_FRACTION sets another share (the full preset takes over an hour to sync on a busy machine).
 */
const fractionOf = (scale: Scale) =>
  Number(process.env.LPLATE_BENCH_FRACTION ?? (scale === 'large' ? 1 : 1 / 100));

function scenario(f: number): ScenarioOptions {
  return { ...largeFraction(f), seed: 42, weeks: 5, paidFridays: 5, keepCompletions: true, anomalies: false };
}

interface Prepared {
  core: Core;
  call: ReturnType<typeof contractCaller>;
  close(): Promise<void>;
}

/**
 * The synced workspace, built on the first run (minutes at `large`) and reused after from
 * `<tmp>/lplate-bench-recon-<fraction>/` (delete it to rebuild). The simulator is generated again each run (the
 * same seed gives the same objects; `large` is too big for its persist file).
 */
async function prepared(scale: Scale): Promise<Prepared & { fraction: number }> {
  const fraction = fractionOf(scale);
  const cache = join(tmpdir(), `lplate-bench-recon-${fraction}`);
  const ready = join(cache, 'ready');
  const fresh = !existsSync(ready);
  if (fresh) rmSync(cache, { recursive: true, force: true });
  mkdirSync(join(cache, 'workspace'), { recursive: true });
  const sim = await startSimulatorProcess({
    seed: 42,
    scenario: scenario(fraction),
    payoutSchedule: 'weekly',
  });
  // A cache the console cannot open (say, migrated by another branch) must not leave the simulator running.
  try {
    const core = await createCore({
      workspaceDir: join(cache, 'workspace'),
      migrationsDir: MIGRATIONS_DIR,
      autoSync: false,
      log: () => {},
      passwordCost: TEST_PASSWORD_COST,
      stripeApi: { host: '127.0.0.1', port: sim.ready.port, protocol: 'http' },
      secrets: memorySecrets({ [STRIPE_KEY_SECRET]: KEY }),
      sync: { rateLimitPerSecond: 0 },
    });
    const call = contractCaller(core);
    if (fresh) {
      const t = performance.now();
      await core.sync.wait(await connectStripe(core.services, core.sync, KEY, { userId: null }));
      const csv = await (
        await fetch(`http://127.0.0.1:${sim.ready.port}/_sim/scenario/completions.csv`)
      ).text();
      importCompletionsCsv(PROJECTION, core.services.sqlite, csv, Date.now());
      await signedInOperators(core, [{ username: 'fin', name: 'Fin Ance', role: 'finance' }]);
      writeFileSync(ready, `built in ${Math.round((performance.now() - t) / 1000)} s\n`);
    } else {
      await call('fin', 'auth.signIn', { username: 'fin', password: OPERATOR_PASSWORD });
    }
    return {
      core,
      call,
      fraction,
      async close() {
        core.close();
        await sim.stop();
        sim.kill();
      },
    };
  } catch (error) {
    sim.kill();
    throw error;
  }
}

/** `recon.run` as the page makes it: the job followed to its end, then the saved run it names. */
async function reconciled(core: Core, call: Prepared['call'], fullRead = false) {
  const { jobId } = await call('fin', 'recon.run', { period: MONTH, fullRead });
  const job = await jobEnded(core, jobId, 'fin');
  if (job.state !== 'done') throw new Error(`the run ended ${job.state}: ${job.message}`);
  return call('fin', 'recon.get', { reportId: job.resultId! });
}

const count = (core: Core, sql: string, ...params: unknown[]) =>
  core.services.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;

type Figure = (p: Prepared, scale: Scale) => Promise<BenchFigure>;

/** Wall and CPU milliseconds of `work` (this process only: the simulator runs in its own). */
async function timed<T>(work: () => T | Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return { value, ms: ms(t), cpuMs: Math.round((used.user + used.system) / 1000) };
}

/** Medians of each measure over the samples. */
const medians = (samples: Record<string, number>[]) =>
  Object.fromEntries(Object.keys(samples[0]!).map((k) => [k, median(samples.map((s) => s[k]!))]));

/** `work` run `n` times: its last value, and the median wall and CPU milliseconds. */
async function repeated<T>(n: number, work: () => T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(await timed(work));
  return {
    value: runs.at(-1)!.value,
    ms: median(runs.map((r) => r.ms)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
  };
}

/** No check kept: the next run checks the invariants over the whole ledger and the payments over the whole month. */
const forgetProof = (core: Core) =>
  core.services.sqlite.exec('DELETE FROM ledger_proof; DELETE FROM recon_payment_proof');

/**
 * The kept Stripe read made to have missed the month's last day: the objects created from that day on are dropped
 * from it and the read is put back to have begun then, so the next run lists them as new.
 */
function lastDayNew(core: Core): void {
  const { sqlite } = core.services;
  const day = spanOf({ from: MONTH.to, to: MONTH.to });
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM recon_stripe_objects WHERE created >= ?').run(day.start);
    sqlite.prepare('UPDATE recon_stripe_read SET read_at = ?').run(Math.floor(day.start / 1000));
  })();
}

const month: Figure = async ({ core, call }, scale) => {
  const { sqlite } = core.services;
  const span = spanOf(MONTH);
  const gateway = syncEngineOf(sqlite).connectedGateway()!;
  const samples: Record<string, number>[] = [];
  let discrepancies = 0;
  let objects = 0;
  for (let i = 0; i < 3; i++) {
    const read = await timed(() => readStripeSide(gateway, span));
    const side = read.value;
    objects = side.charges.length + side.transfers.length + side.payouts.length;
    const figures = await timed(() => periodFigures(sqlite, span));
    // The checks and the whole run are timed with no proof kept (the whole ledger read, as before the proof), so they
    // compare with earlier runs; `invariants` below times the proof's other cases.
    forgetProof(core);
    const checks = await timed(() =>
      runChecks({ sqlite, projection: PROJECTION, mode: 'test', span, side, figures: figures.value }),
    );
    const invariants = await timed(() => PROJECTION.invariants(sqlite));
    forgetProof(core);
    // The first run: Stripe read whole (and kept), no proof kept.
    const whole = await timed(() => reconciled(core, call, true));
    discrepancies = whole.value.discrepancies.length;
    // Second runs: nothing changed since; then the last day's Stripe objects new and its ledger rows written again.
    const unchanged = await timed(() => reconciled(core, call));
    touchDays(core, MONTH.to, MONTH.to);
    lastDayNew(core);
    const dayLater = await timed(() => reconciled(core, call));
    // The Stripe read of those runs alone: whole and kept (the first run's), then only the changes.
    const keptWhole = await timed(() => readStripe(sqlite, gateway, span, undefined, true));
    const keptUnchanged = await timed(() => readStripe(sqlite, gateway, span));
    lastDayNew(core);
    const keptDayNew = await timed(() => readStripe(sqlite, gateway, span));
    // The background refresh (kept-warm.ts): its first fill of July and August, then a refresh with nothing changed,
    // which also proves July's payment checks as it does once the month is over; then a day's changes (the last
    // day's Stripe objects new, its ledger rows written again) and the refresh that reads them; then the month-end
    // run it serves, which reads only Stripe's changes and checks only what changed since the proofs.
    sqlite.exec('DELETE FROM recon_stripe_objects; DELETE FROM recon_stripe_read');
    const fill = await timed(() => refreshKept(sqlite, gateway, ROLLING));
    const refreshUnchanged = await timed(() => refreshKept(sqlite, gateway, ROLLING));
    sqlite.exec('DELETE FROM recon_payment_proof');
    const proveLastMonth = await timed(async () => {
      const { side } = await readStripe(sqlite, gateway, span);
      return provenPaymentChecks(sqlite, span, side, (only) =>
        paymentChecks(sqlite, 'test', span, side, only),
      );
    });
    touchDays(core, MONTH.to, MONTH.to);
    lastDayNew(core);
    const refreshDayNew = await timed(() => refreshKept(sqlite, gateway, ROLLING));
    // Each refresh also proves the ledger's invariants again where the day changed them.
    const proveLedgerDay = await timed(() => provenInvariants(PROJECTION, sqlite));
    const monthEnd = await timed(() => reconciled(core, call));
    if (fill.value.changesSince !== null || refreshDayNew.value.changesSince === null)
      throw new Error('the refresh did not read as expected');
    for (const run of [unchanged, dayLater, monthEnd])
      if (JSON.stringify(run.value.discrepancies) !== JSON.stringify(whole.value.discrepancies))
        throw new Error('a second run found other discrepancies than the first');
    // The next round's first run reads whole and keeps its read, as before the background kept one.
    sqlite.exec('DELETE FROM recon_stripe_objects; DELETE FROM recon_stripe_read');
    samples.push({
      wholeMs: whole.ms,
      wholeCpuMs: whole.cpuMs,
      secondUnchangedMs: unchanged.ms,
      secondUnchangedCpuMs: unchanged.cpuMs,
      secondDayChangedMs: dayLater.ms,
      secondDayChangedCpuMs: dayLater.cpuMs,
      stripeWholeKeptMs: keptWhole.ms,
      stripeWholeKeptCpuMs: keptWhole.cpuMs,
      stripeChangesUnchangedMs: keptUnchanged.ms,
      stripeChangesUnchangedCpuMs: keptUnchanged.cpuMs,
      stripeChangesDayNewMs: keptDayNew.ms,
      stripeChangesDayNewCpuMs: keptDayNew.cpuMs,
      monthEndAfterRefreshMs: monthEnd.ms,
      monthEndAfterRefreshCpuMs: monthEnd.cpuMs,
      proveLastMonthMs: proveLastMonth.ms,
      proveLastMonthCpuMs: proveLastMonth.cpuMs,
      proveLedgerDayMs: proveLedgerDay.ms,
      proveLedgerDayCpuMs: proveLedgerDay.cpuMs,
      refreshFirstFillMs: fill.ms,
      refreshFirstFillCpuMs: fill.cpuMs,
      refreshUnchangedMs: refreshUnchanged.ms,
      refreshUnchangedCpuMs: refreshUnchanged.cpuMs,
      refreshDayNewMs: refreshDayNew.ms,
      refreshDayNewCpuMs: refreshDayNew.cpuMs,
      stripeReadMs: read.ms,
      stripeReadCpuMs: read.cpuMs,
      figuresMs: figures.ms,
      figuresCpuMs: figures.cpuMs,
      checksMs: checks.ms,
      checksCpuMs: checks.cpuMs,
      invariantsInChecksMs: invariants.ms,
      invariantsInChecksCpuMs: invariants.cpuMs,
    });
  }
  const m = medians(samples);
  return {
    bench: 'recon.month',
    value: m.wholeMs!,
    unit: 'ms',
    scale,
    goalMs: 2000,
    ...m,
    ledgerCpuMs: m.figuresCpuMs! + m.checksCpuMs!,
    discrepancies,
    stripeObjectsRead: objects,
    paymentsInMonth: count(
      core,
      'SELECT count(*) FROM payments WHERE created_at >= ? AND created_at < ?',
      span.start,
      span.end,
    ),
    journalTransactionsInMonth: count(
      core,
      'SELECT count(*) FROM journal_transactions WHERE occurred_at >= ? AND occurred_at < ?',
      span.start,
      span.end,
    ),
    note: 'value = the whole recon.run job reading Stripe whole (over HTTP from a simulator in its own process, figures, checks, save); second* = the job again with the kept Stripe read and proof, nothing changed or the last day new; monthEndAfterRefresh = the job after the background refresh kept July and August warm and proved July’s payment checks (proveLastMonth), then read a day of changes and proved the ledger’s invariants again (proveLedgerDay) (refresh* = that refresh: its first fill, then with nothing changed and with the last day new); the parts are timed alone; CPU is this process only',
  };
};

/**
 * Each day of [from, to] written again and back, as a sync that brought those days would write it: every journal line
 * and payment of the days changes twice, so the triggers note their accounts and mark their hours.
 */
function touchDays(core: Core, from: string, to: string): void {
  const { start, end } = spanOf({ from, to });
  const { sqlite } = core.services;
  const lines = sqlite.prepare(
    `UPDATE journal_lines SET amount_pence = -amount_pence
     WHERE transaction_id IN (SELECT id FROM journal_transactions WHERE occurred_at >= ? AND occurred_at < ?)`,
  );
  const hours = sqlite.prepare(
    'UPDATE payments SET hours = hours + ? WHERE created_at >= ? AND created_at < ?',
  );
  lines.run(start, end);
  lines.run(start, end);
  hours.run(1, start, end);
  hours.run(-1, start, end);
}

/** The ledger invariants of a run (src/main/recon/invariant-proof.ts): whole, unchanged, and after a day, week, month. */
const invariants: Figure = async ({ core }, scale) => {
  const { sqlite } = core.services;
  const proven = () => provenInvariants(PROJECTION, sqlite);
  const noted = () => sqlite.prepare('SELECT count(*) FROM ledger_unproven').pluck().get() as number;
  // Undone at the end (a savepoint), so the cache keeps no marks or proof from it.
  sqlite.exec('SAVEPOINT bench_proof');
  try {
    const samples: Record<string, number>[] = [];
    const accounts: Record<string, number> = {};
    for (let i = 0; i < 3; i++) {
      forgetProof(core);
      const whole = await timed(proven);
      const unchanged = await timed(proven);
      const sample: Record<string, number> = { wholeCpuMs: whole.cpuMs, unchangedCpuMs: unchanged.cpuMs };
      for (const [name, from] of [
        ['day', '2025-07-31'],
        ['week', '2025-07-25'],
        ['month', '2025-07-01'],
      ] as const) {
        touchDays(core, from, MONTH.to);
        accounts[name] = noted();
        const t = await timed(proven);
        if (t.value.length > 0) throw new Error(`the touched ${name} broke an invariant`);
        sample[`${name}ChangedCpuMs`] = t.cpuMs;
      }
      samples.push(sample);
    }
    const m = medians(samples);
    return {
      bench: 'recon.invariants',
      value: m.dayChangedCpuMs!,
      unit: 'ms CPU, a day changed since the last clean check',
      scale,
      ...m,
      accountsNotedDay: accounts.day,
      accountsNotedWeek: accounts.week,
      accountsNotedMonth: accounts.month,
      note: 'whole = no clean check kept (the first run); each other case proves only the accounts and hours changed since the previous clean check',
    };
  } finally {
    sqlite.exec('ROLLBACK TO bench_proof; RELEASE bench_proof');
  }
};

const chartsQuery: Figure = async ({ core }, scale) => {
  const { value, ...m } = await repeated(5, () => reconCharts(core.services.sqlite, YEAR));
  const days = value.daily.length;
  return {
    bench: 'recon.chartsQuery',
    value: m.ms,
    unit: 'ms',
    cpuMs: m.cpuMs,
    scale,
    goalMs: 200,
    days,
    journalLines: count(core, 'SELECT count(*) FROM journal_lines'),
    note: 'a year of daily buckets ending with the month; the cached marketplace holds five weeks of it',
  };
};

const lockFlag: Figure = async ({ core }, scale) => {
  const { sqlite } = core.services;
  const run = sqlite
    .prepare('SELECT id, run_by FROM reconciliation_reports WHERE run_by IS NOT NULL LIMIT 1')
    .get() as { id: string; run_by: string };
  // The lock and the change below are undone at the end, so the cached workspace stays unlocked.
  sqlite.exec('SAVEPOINT bench_lock');
  try {
    const id = randomUUID();
    const span = spanOf(MONTH);
    let markSeq = 0;
    const taken = await timed(() => {
      markSeq = currentMarkSeq(sqlite);
      sqlite
        .prepare(
          `INSERT INTO reconciliation_locks (id, period_from, period_to, report_id, locked_by, locked_at, fingerprint,
             mark_seq, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
        )
        .run(id, MONTH.from, MONTH.to, run.id, run.run_by, Date.now(), markSeq, span.start, span.end);
    });
    const lock = { id, from: MONTH.from, to: MONTH.to, markSeq, spanStart: span.start, fingerprint: {} };
    const m = await repeated(3, () => changesSinceLock(sqlite, lock));
    // A payment of the first day edited: its state at the lock is kept, and compared with the row now.
    const day = spanOf({ from: MONTH.from, to: MONTH.from });
    sqlite
      .prepare(
        `UPDATE payments SET discount_pence = discount_pence + 1
         WHERE id = (SELECT id FROM payments WHERE created_at >= ? AND created_at < ? LIMIT 1)`,
      )
      .run(day.start, day.end);
    const changedDay = await repeated(3, () => changesSinceLock(sqlite, lock));
    if (changedDay.value.length !== 1)
      throw new Error(`expected one late change, got ${changedDay.value.length}`);
    const seen = sqlite.prepare('SELECT count(*) FROM recon_lock_seen WHERE lock_id = ?').pluck().get(id);
    return {
      bench: 'recon.lockFlag',
      value: m.ms,
      unit: 'ms per locked month',
      cpuMs: m.cpuMs,
      oneDayChangedMs: changedDay.ms,
      oneDayChangedCpuMs: changedDay.cpuMs,
      lockTakenMs: taken.ms,
      lockTakenCpuMs: taken.cpuMs,
      scale,
      entitiesKept: seen,
      note: 'taking a lock writes its row; triggers keep what it saw of an entity when that entity first changes, and recon.locks (the Overview notice and each run of a locked period) compares only those with the books now',
    };
  } finally {
    sqlite.exec('ROLLBACK TO bench_lock; RELEASE bench_lock');
  }
};

const exportXlsx: Figure = async ({ core, call }, scale) => {
  const run = await reconciled(core, call);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let sampledRss = rssBefore;
  const sampler = setInterval(() => (sampledRss = Math.max(sampledRss, process.memoryUsage().rss)), 50);
  const {
    value: job,
    ms: wall,
    cpuMs,
  } = await timed(async () => {
    const { jobId } = await call('fin', 'recon.export', { reportId: run.id, format: 'xlsx' });
    return jobEnded(core, jobId, 'fin');
  });
  const seconds = wall / 1000;
  clearInterval(sampler);
  if (job.state !== 'done') throw new Error(`the export ended ${job.state}: ${job.message ?? ''}`);
  const rows = job.done;
  return {
    bench: 'export.xlsx',
    value: Math.round(rows / seconds),
    unit: 'rows/s',
    scale,
    rows,
    wallSeconds: Math.round(seconds * 10) / 10,
    cpuSeconds: Math.round(cpuMs / 100) / 10,
    fileMB: Math.round((job.file!.bytes / 1024 / 1024) * 10) / 10,
    rssBeforeMB: mb(rssBefore),
    sampledPeakRssMB: mb(sampledRss),
    processPeakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    goalPeakRssMB: 500,
    note: 'sampled peak = highest RSS seen every 50 ms during the export; process peak includes any build of the cache in this run',
  };
};

/** One bench for the four figures, so the workspace is opened and the simulator generated once. */
export const benches: Bench[] = [
  {
    name: 'recon',
    async run({ scale, report }) {
      const p = await prepared(scale);
      try {
        for (const figure of [month, invariants, chartsQuery, lockFlag, exportXlsx])
          report({ ...(await figure(p, scale)), fractionOfLargePreset: p.fraction });
      } finally {
        await p.close();
      }
    },
  },
];
