// Reads the screens make over many payments: ui.paymentsPage (payments.list answering one page of 50, filtered and
// sorted), ui.paymentsTotals (payments.totals counting and summing a filtered set), search.find (⌘K by id prefix,
// amount, name and email), the people picker, Credits, Instructors and the Audit log, each timed per query on one
// synthetic workspace.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditTrail } from '../../src/main/audit/queries';
import { createCore, type Core } from '../../src/main/core';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { insertPayments } from '../../src/main/payments/store';
import type { InputOf, MethodName } from '../../src/shared/contract';
import type { Bench, BenchFigure, Scale } from './bench';
import {
  seedAudit,
  seedCredits,
  seedLedger,
  seedPeople,
  seedSyncBatches,
  syntheticPayments,
} from './synthetic';

const SIZES = {
  small: { payments: 100_000, learners: 20_000, instructors: 1_000 },
  large: { payments: 1_000_000, learners: 200_000, instructors: 10_000 },
} as const;
/** Calls of each query: the p95 of the 19 after its first is then the slowest of them. */
const SAMPLES_EACH = 20;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (n: number) => Number(n.toFixed(2));

const ADMIN = { username: 'bench', password: 'bench-password-1' };
/** Bump when the synthetic data changes, so a cached workspace of the old shape is built again. */
const SHAPE = 'payments+credits+audit+ledger v2';
/** The shape before the ledger: a cached workspace of it gets the ledger added instead of being built again. */
const BEFORE_LEDGER = 'payments+credits+audit v1';

const openCore = (dir: string) =>
  createCore({ workspaceDir: dir, migrationsDir: MIGRATIONS_DIR, autoSync: false, log: () => {} });

/** Fills a new workspace with synthetic people, payments, credits and audit entries, and its first admin. */
async function buildWorkspace(dir: string, scale: Scale): Promise<Core> {
  const size = SIZES[scale];
  const core = await openCore(dir);
  const { sqlite, db } = core.services;
  const { learners, instructors } = seedPeople(sqlite, size.learners, size.instructors);
  const rows = syntheticPayments(size.payments, learners, instructors);
  for (let i = 0; i < rows.length; i += 50_000) insertPayments(db, rows.slice(i, i + 50_000));
  seedCredits(sqlite);
  seedAudit(sqlite, rows);
  seedLedger(sqlite);
  sqlite.pragma('optimize');
  await signUpAdmin(core);
  return core;
}

/** Creates the workspace's first admin, signed in on `bench`. */
async function signUpAdmin(core: Core): Promise<void> {
  const admin = await core.dispatcher.call('bench', 'auth.createFirstAdmin', {
    ...ADMIN,
    name: 'Bench',
    email: 'bench@bench.test',
  });
  if (!admin.ok) throw new Error(admin.error.message);
}

/**
 * The synthetic workspace of a scale, signed in as an admin on `bench`. Building 1M payments takes minutes, so it is
 * kept under the system's temp folder and reused while its shape is the same (new migrations apply on opening; one
 * that cannot, or a half-built folder, builds it again).
 */
async function syntheticWorkspace(scale: Scale) {
  const dir = join(tmpdir(), `lplate-bench-screens-${scale}`);
  const ready = join(dir, 'bench-ready');
  let core: Core | null = null;
  const shape = existsSync(ready) ? readFileSync(ready, 'utf8') : null;
  if (shape === SHAPE || shape === BEFORE_LEDGER) {
    try {
      core = await openCore(dir);
      const signedIn = await core.dispatcher.call('bench', 'auth.signIn', ADMIN);
      if (!signedIn.ok) throw new Error(signedIn.error.message);
      if (shape === BEFORE_LEDGER) {
        seedLedger(core.services.sqlite);
        core.services.sqlite.pragma('optimize');
        writeFileSync(ready, SHAPE);
      }
    } catch {
      core?.close();
      core = null;
    }
  }
  if (!core) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    core = await buildWorkspace(dir, scale);
    writeFileSync(ready, SHAPE);
  }
  const ids = (sql: string) => core.services.sqlite.prepare(sql).pluck().all() as string[];
  return {
    core,
    size: SIZES[scale],
    /** Instructor n is the one whose email is instructor{n}@bench.test. */
    instructor: (n: number) =>
      ids(`SELECT i.id FROM instructors i JOIN users u ON u.id = i.user_id
           WHERE u.email = 'instructor${n}@bench.test'`)[0]!,
    learner: (n: number) => ids(`SELECT id FROM users WHERE email = 'learner${n}@bench.test'`)[0]!,
    close: () => core.close(),
  };
}

/** Calls `method` SAMPLES_EACH times per input, in turn, and reports p95 overall, warm and per input (first call apart). */
async function timeCalls<M extends MethodName>(
  core: Core,
  method: M,
  inputs: InputOf<M>[],
  figure: { bench: string; [extra: string]: unknown },
  report: (f: BenchFigure) => void,
) {
  const byInput = inputs.map(() => [] as number[]);
  const samples = SAMPLES_EACH * inputs.length;
  for (let s = 0; s < samples; s++) {
    const i = s % inputs.length;
    const started = process.hrtime.bigint();
    const result = await core.dispatcher.call('bench', method, inputs[i]);
    byInput[i]!.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!result.ok) throw new Error(result.error.message);
  }
  const all = byInput.flat().sort((a, b) => a - b);
  // A query's first call reads pages SQLite has not read since the workspace opened; the calls after it are warm.
  const warm = byInput.map((times) => times.slice(1).sort((a, b) => a - b));
  const allWarm = warm.flat().sort((a, b) => a - b);
  report({
    ...figure,
    value: ms(percentile(all, 0.95)),
    unit: 'ms p95',
    p50: ms(percentile(all, 0.5)),
    max: ms(all.at(-1)!),
    samples,
    warmP95: ms(percentile(allWarm, 0.95)),
    slowestFirstCall: ms(Math.max(...byInput.map((times) => times[0]!))),
    byQuery: byInput.map((times, i) => ({
      input: inputs[i],
      first: ms(times[0]!),
      p50: ms(percentile(warm[i]!, 0.5)),
      p95: ms(percentile(warm[i]!, 0.95)),
    })),
    data: 'synthetic rows inserted through the data layer (the large scenario cannot be synced fast enough yet)',
  });
}

/** One bench over a fresh synthetic workspace. */
function screenBench(
  name: string,
  body: (
    ws: Awaited<ReturnType<typeof syntheticWorkspace>>,
    scale: Scale,
    report: (f: BenchFigure) => void,
  ) => Promise<void>,
): Bench {
  return {
    name,
    async run({ scale, report }) {
      const ws = await syntheticWorkspace(scale);
      // A person's first click comes after the console has read the workspace into the file cache (db/warm-file.ts):
      // the queries are timed after it too, and each figure says what it took.
      const fileCache = await ws.core.fileCacheWarmed;
      try {
        await body(ws, scale, (figure) => report({ ...figure, fileCache }));
      } finally {
        ws.close();
      }
    },
  };
}

/** Payments a workspace audited by sync batches holds: three changes each, so 1M changes under 500 entries at large. */
const BATCH_PAYMENTS = { small: 33_333, large: 333_333 } as const;

/**
 * The Audit log of a workspace synced since sync was audited a batch at a time: its own workspace of batch entries
 * only, built each run. The Entity filter and an id search read the changes under the entries; the drawer lists one
 * batch's changes, narrowed to an id as a search opens it.
 */
const auditBatches: Bench = {
  name: 'ui.auditBatches',
  async run({ scale, report }) {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-batches-'));
    const core = await openCore(dir);
    try {
      const { sqlite } = core.services;
      const started = performance.now();
      const { paymentId } = seedSyncBatches(sqlite, BATCH_PAYMENTS[scale]);
      sqlite.pragma('optimize');
      const seededSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
      await signUpAdmin(core);
      const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
      const figure = {
        batches: count("SELECT COUNT(*) FROM audit_logs WHERE entity_type = 'sync_batch'"),
        changes: count('SELECT COUNT(*) FROM audit_sync_changes'),
        seededSeconds,
        scale,
      };
      const middle = Math.floor(BATCH_PAYMENTS[scale] / 2);
      const seq = auditTrail(sqlite, paymentId(middle))[0]!.seq;
      for (const q of [`pi_bench_${middle}`, paymentId(middle)]) {
        const found = await core.dispatcher.call('bench', 'audit.list', { page: 1, pageSize: 50, q });
        if (!found.ok || (found.data as { total: number }).total !== 1)
          throw new Error(`the search for ${q} should find its one batch`);
      }
      await timeCalls(
        core,
        'audit.list',
        [
          { page: 1, pageSize: 50 },
          { page: 1, pageSize: 50, entityType: 'payment' },
          { page: 1, pageSize: 50, entityType: 'refund' },
          { page: 1, pageSize: 50, entityType: 'payout' },
          { page: 1, pageSize: 50, q: `pi_bench_${middle}` },
          { page: 1, pageSize: 50, q: paymentId(middle) },
          { page: 1, pageSize: 50, q: 'pi_bench_5' },
          { page: 1, pageSize: 50, entityType: 'payment', from: '2026-07-01', to: '2026-07-01' },
        ],
        { bench: 'ui.auditBatches', ...figure },
        report,
      );
      const drawer = await core.dispatcher.call('bench', 'audit.changes', {
        seq,
        q: `pi_bench_${middle}`,
      });
      const sources = drawer.ok
        ? (drawer.data as { changes: { sources: unknown[] }[] }).changes[0]?.sources
        : [];
      if (sources?.length !== 1) throw new Error('a change in the drawer should name the input it came from');
      await timeCalls(
        core,
        'audit.changes',
        [
          { seq },
          { seq, q: `pi_bench_${middle}` },
          { seq, q: paymentId(middle) },
          { seq, entityType: 'refund' },
          { seq, page: 30 },
        ],
        { bench: 'ui.auditBatchChanges', ...figure },
        report,
      );
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** The whole synthetic data: July 2026 onwards (a payment a second: 1M payments span 12 days). */
const WIDE = { from: '2026-01-01', to: '2026-12-31' } as const;

export const benches: Bench[] = [
  screenBench('ui.paymentsPage', async (ws, scale, report) => {
    // Page 20 of a broad search as the pager's Next button asks for it: after the last row of page 19.
    const deep = {
      page: 20,
      pageSize: 50,
      q: 'Learner',
      sort: { column: 'total', direction: 'desc' },
    } as const;
    const page19 = await ws.core.dispatcher.call('bench', 'payments.list', { ...deep, page: 19 });
    if (!page19.ok) throw new Error(page19.error.message);
    // The pages a finance person flips through: newest first, by type, by instructor, by amount, and searches —
    // narrow (one learner), broad (every learner matches "Learner"; "Le" and "a" are shorter than a trigram; an
    // email domain), and a narrow search under a wide filter; page 20 of a broad search typed in (an OFFSET walk)
    // and reached by Next (a seek).
    await timeCalls(
      ws.core,
      'payments.list',
      [
        { page: 1, pageSize: 50 },
        { page: 3, pageSize: 50, type: 'credit_pack', sort: { column: 'total', direction: 'desc' } },
        {
          page: 1,
          pageSize: 50,
          instructorId: ws.instructor(7),
          sort: { column: 'created_at', direction: 'desc' },
        },
        { page: 2, pageSize: 50, status: 'succeeded', from: '2026-07-01', to: '2026-07-31' },
        { page: 1, pageSize: 50, q: 'Learner 1234' },
        { page: 1, pageSize: 50, q: 'learner1234@bench.test' },
        { page: 1, pageSize: 50, q: 'Le' },
        { page: 1, pageSize: 50, q: 'Learner' },
        { page: 1, pageSize: 50, q: 'a' },
        { page: 1, pageSize: 50, q: 'bench.test' },
        deep,
        { ...deep, cursor: { after: (page19.data as { rows: { id: string }[] }).rows.at(-1)!.id } },
        { page: 1, pageSize: 50, q: 'Learner 1234', status: 'succeeded', ...WIDE },
        { page: 1, pageSize: 50, q: 'Learner 1234', type: 'lesson' },
        { page: 1, pageSize: 50, q: 'Learner 1234', sort: { column: 'total', direction: 'desc' } },
        { page: 1, pageSize: 50, q: 'Le', type: 'credit_pack', ...WIDE },
      ],
      { bench: 'ui.paymentsPage', payments: ws.size.payments, scale },
      report,
    );
  }),
  screenBench('ui.paymentsTotals', (ws, scale, report) =>
    // The totals line under the same filters: it counts and sums every matching payment, not a page.
    timeCalls(
      ws.core,
      'payments.totals',
      [
        {},
        { type: 'credit_pack' },
        { instructorId: ws.instructor(7) },
        { status: 'succeeded', from: '2026-07-01', to: '2026-07-31' },
        { q: 'Learner 1234' },
        { q: 'Le' },
        { q: 'Learner' },
        { q: 'bench.test' },
        { q: 'Learner 1234', status: 'succeeded', ...WIDE },
        { q: 'Learner 1234', type: 'lesson' },
      ],
      { bench: 'ui.paymentsTotals', payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('search.find', (ws, scale, report) =>
    // ⌘K as people use it: a pasted id prefix, an exact id, an amount, a name, an email, and broad text (it takes two characters or more).
    timeCalls(
      ws.core,
      'search.find',
      [
        { q: 'pi_bench_9876' },
        { q: 'pi_bench_54321' },
        { q: '35.40' },
        { q: 'Learner 1234' },
        { q: 'instructor7@bench' },
        { q: 'Le' },
        { q: 'Learner' },
        { q: 'er' },
        { q: 'bench.test' },
        { q: 'Qz' },
      ],
      { bench: 'search.find', payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('ui.peopleSearch', (ws, scale, report) =>
    // The people picker (filters that take a learner): narrow, broad, and two letters many, few or nobody hold.
    timeCalls(
      ws.core,
      'people.search',
      [{ q: 'Learner 1234' }, { q: 'Le' }, { q: 'Learner' }, { q: 'bench.test' }, { q: '7@' }, { q: 'Qz' }],
      { bench: 'ui.peopleSearch', users: ws.size.learners + ws.size.instructors, scale },
      report,
    ),
  ),
  screenBench('ui.creditsPage', (ws, scale, report) =>
    // The Credits page: a pair per learner and instructor who have payments, most liability first, searched.
    timeCalls(
      ws.core,
      'credits.list',
      [
        { page: 1, pageSize: 50 },
        { page: 1, pageSize: 50, sort: { column: 'learner', direction: 'asc' } },
        { page: 1, pageSize: 50, instructorId: ws.instructor(7) },
        { page: 1, pageSize: 50, learnerId: ws.learner(1234) },
        { page: 1, pageSize: 50, q: 'Learner 1234' },
        { page: 1, pageSize: 50, q: 'Le' },
        { page: 1, pageSize: 50, q: 'Learner' },
        { page: 1, pageSize: 50, q: 'Learner 1234', state: 'remaining' },
        // Orders read backwards a block of equal keys at a time, a deep page and a wide filter.
        { page: 1, pageSize: 50, sort: { column: 'learner', direction: 'desc' } },
        { page: 1, pageSize: 50, sort: { column: 'updated', direction: 'desc' } },
        { page: 20, pageSize: 50 },
        { page: 1, pageSize: 50, state: 'remaining' },
      ],
      { bench: 'ui.creditsPage', payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('ui.instructorsPage', (ws, scale, report) =>
    // The Instructors page: a Connect account, earnings and a transfer each (half the payments completed), most owed
    // first, by name and earned, deep pages, who cannot be paid, and searches narrow, broad and matching nobody.
    timeCalls(
      ws.core,
      'instructors.list',
      [
        { page: 1, pageSize: 50 },
        { page: 1, pageSize: 50, sort: { column: 'name', direction: 'asc' } },
        { page: 1, pageSize: 50, sort: { column: 'earned', direction: 'desc' } },
        { page: 200, pageSize: 50, sort: { column: 'owed', direction: 'asc' } },
        { page: 100, pageSize: 50, sort: { column: 'name', direction: 'desc' } },
        { page: 1, pageSize: 50, flagged: true },
        { page: 1, pageSize: 50, flagged: false, sort: { column: 'name', direction: 'asc' } },
        { page: 1, pageSize: 50, q: 'Instructor 7' },
        { page: 1, pageSize: 50, q: 'instructor7@bench.test' },
        { page: 1, pageSize: 50, q: 'Instructor', sort: { column: 'earned', direction: 'asc' } },
        { page: 1, pageSize: 50, q: 'nobody' },
      ],
      { bench: 'ui.instructorsPage', instructors: ws.size.instructors, payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('ui.instructorsTotals', (ws, scale, report) =>
    // The totals line under the Instructors filters: every matching instructor's earned, paid and owed added up.
    timeCalls(
      ws.core,
      'instructors.totals',
      [{}, { flagged: true }, { flagged: false }, { q: 'Instructor 7' }, { q: 'Instructor' }],
      { bench: 'ui.instructorsTotals', instructors: ws.size.instructors, payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('ui.auditPage', (ws, scale, report) =>
    // The Audit log: an entry per payment, newest first, by entity and action, by date, searched by id (whole, its
    // start, a short start that a tenth of the log holds, absent) and text.
    timeCalls(
      ws.core,
      'audit.list',
      [
        { page: 1, pageSize: 50 },
        { page: 1, pageSize: 50, entityType: 'payment' },
        { page: 1, pageSize: 50, action: 'created', from: '2026-07-02', to: '2026-07-02' },
        { page: 1, pageSize: 50, from: '2026-07-02', to: '2026-07-02' },
        { page: 1, pageSize: 50, q: 'pi_bench_54321' },
        { page: 1, pageSize: 50, q: 'pi_bench_5432' },
        { page: 1, pageSize: 50, q: 'pi_bench_5' },
        { page: 1, pageSize: 50, q: 'ch_absent_1' },
        { page: 1, pageSize: 50, q: 'succeeded' },
      ],
      { bench: 'ui.auditPage', entries: ws.size.payments, scale },
      report,
    ),
  ),
  auditBatches,
];
