// Reads the screens make over many payments: ui.paymentsPage (payments.list answering one page of 50, filtered and
// sorted), ui.paymentsTotals (payments.totals counting and summing a filtered set) and search.find (⌘K by id prefix,
// amount, name and email), each timed per query on one synthetic workspace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../src/main/core';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { insertPayments } from '../../src/main/payments/store';
import type { InputOf, MethodName } from '../../src/shared/contract';
import type { Bench, BenchFigure, Scale } from './bench';
import { seedPeople, syntheticPayments } from './synthetic';

const SIZES = {
  small: { payments: 100_000, learners: 20_000, instructors: 1_000 },
  large: { payments: 1_000_000, learners: 200_000, instructors: 10_000 },
} as const;
const SAMPLES = 200;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (n: number) => Number(n.toFixed(2));

/** A workspace of synthetic payments inserted through the data layer, with a signed-in admin on `bench`. */
async function syntheticWorkspace(scale: Scale) {
  const size = SIZES[scale];
  const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-ui-'));
  const core = await createCore({
    workspaceDir: dir,
    migrationsDir: MIGRATIONS_DIR,
    autoSync: false,
    log: () => {},
  });
  const { sqlite, db } = core.services;
  const { learners, instructors } = seedPeople(sqlite, size.learners, size.instructors);
  const rows = syntheticPayments(size.payments, learners, instructors);
  for (let i = 0; i < rows.length; i += 50_000) insertPayments(db, rows.slice(i, i + 50_000));
  sqlite.pragma('optimize');
  const admin = await core.dispatcher.call('bench', 'auth.createFirstAdmin', {
    username: 'bench',
    name: 'Bench',
    email: 'bench@bench.test',
    password: 'bench-password-1',
  });
  if (!admin.ok) throw new Error(admin.error.message);
  return {
    core,
    size,
    instructors,
    close() {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls `method` SAMPLES times over `inputs` in turn and reports p95 overall and per input. */
async function timeCalls<M extends MethodName>(
  core: Core,
  method: M,
  inputs: InputOf<M>[],
  figure: { bench: string; [extra: string]: unknown },
  report: (f: BenchFigure) => void,
) {
  const byInput = inputs.map(() => [] as number[]);
  for (let s = 0; s < SAMPLES; s++) {
    const i = s % inputs.length;
    const started = process.hrtime.bigint();
    const result = await core.dispatcher.call('bench', method, inputs[i]);
    byInput[i]!.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!result.ok) throw new Error(result.error.message);
  }
  const all = byInput.flat().sort((a, b) => a - b);
  report({
    ...figure,
    value: ms(percentile(all, 0.95)),
    unit: 'ms p95',
    p50: ms(percentile(all, 0.5)),
    max: ms(all.at(-1)!),
    samples: SAMPLES,
    p95ByQuery: byInput.map((times, i) => ({
      input: inputs[i],
      p95: ms(
        percentile(
          times.sort((a, b) => a - b),
          0.95,
        ),
      ),
    })),
    data: 'synthetic payments inserted through the data layer (the large scenario cannot be synced fast enough yet)',
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
      try {
        await body(ws, scale, report);
      } finally {
        ws.close();
      }
    },
  };
}

export const benches: Bench[] = [
  screenBench('ui.paymentsPage', (ws, scale, report) =>
    // The pages a finance person flips through: newest first, by type, by instructor, by amount, a search.
    timeCalls(
      ws.core,
      'payments.list',
      [
        { page: 1, pageSize: 50 },
        { page: 3, pageSize: 50, type: 'credit_pack', sort: { column: 'total', direction: 'desc' } },
        {
          page: 1,
          pageSize: 50,
          instructorId: ws.instructors[7]!,
          sort: { column: 'created_at', direction: 'desc' },
        },
        { page: 2, pageSize: 50, status: 'succeeded', from: '2026-07-01', to: '2026-07-31' },
        { page: 1, pageSize: 50, q: 'Learner 1234' },
      ],
      { bench: 'ui.paymentsPage', payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('ui.paymentsTotals', (ws, scale, report) =>
    // The totals line under the same filters: it counts and sums every matching payment, not a page.
    timeCalls(
      ws.core,
      'payments.totals',
      [
        {},
        { type: 'credit_pack' },
        { instructorId: ws.instructors[7]! },
        { status: 'succeeded', from: '2026-07-01', to: '2026-07-31' },
        { q: 'Learner 1234' },
      ],
      { bench: 'ui.paymentsTotals', payments: ws.size.payments, scale },
      report,
    ),
  ),
  screenBench('search.find', (ws, scale, report) =>
    // ⌘K as people use it: a pasted id prefix, an exact id, an amount, a name, an email.
    timeCalls(
      ws.core,
      'search.find',
      [
        { q: 'pi_bench_9876' },
        { q: 'pi_bench_54321' },
        { q: '35.40' },
        { q: 'Learner 1234' },
        { q: 'instructor7@bench' },
      ],
      { bench: 'search.find', payments: ws.size.payments, scale },
      report,
    ),
  ),
];
