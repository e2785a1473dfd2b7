// ui.paymentsPage: how long payments.list takes to answer one page (50 rows, filtered and sorted) over many payments.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../src/main/core';
import { MIGRATIONS_DIR } from '../../src/main/host/paths';
import { insertPayments } from '../../src/main/payments/store';
import type { InputOf } from '../../src/shared/contract';
import type { Bench } from './bench';
import { seedPeople, syntheticPayments } from './synthetic';

const SIZES = {
  small: { payments: 100_000, learners: 20_000, instructors: 1_000 },
  large: { payments: 1_000_000, learners: 200_000, instructors: 10_000 },
} as const;
const SAMPLES = 200;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export const benches: Bench[] = [
  {
    name: 'ui.paymentsPage',
    async run({ scale, report }) {
      const size = SIZES[scale];
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-ui-'));
      const core = await createCore({
        workspaceDir: dir,
        migrationsDir: MIGRATIONS_DIR,
        autoSync: false,
        log: () => {},
      });
      try {
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
        // The pages a finance person flips through: newest first, by type, by instructor, by amount, a search.
        const inputs: InputOf<'payments.list'>[] = [
          { page: 1, pageSize: 50 },
          { page: 3, pageSize: 50, type: 'credit_pack', sort: { column: 'total', direction: 'desc' } },
          {
            page: 1,
            pageSize: 50,
            instructorId: instructors[7]!,
            sort: { column: 'created_at', direction: 'desc' },
          },
          { page: 2, pageSize: 50, status: 'succeeded', from: '2026-07-01', to: '2026-07-31' },
          { page: 1, pageSize: 50, q: 'Learner 1234' },
        ];
        const byInput = inputs.map(() => [] as number[]);
        for (let s = 0; s < SAMPLES; s++) {
          const i = s % inputs.length;
          const started = process.hrtime.bigint();
          const result = await core.dispatcher.call('bench', 'payments.list', inputs[i]);
          byInput[i]!.push(Number(process.hrtime.bigint() - started) / 1e6);
          if (!result.ok) throw new Error(result.error.message);
        }
        const all = byInput.flat().sort((a, b) => a - b);
        report({
          bench: 'ui.paymentsPage',
          value: Number(percentile(all, 0.95).toFixed(2)),
          unit: 'ms p95',
          p50: Number(percentile(all, 0.5).toFixed(2)),
          max: Number(all.at(-1)!.toFixed(2)),
          samples: SAMPLES,
          payments: size.payments,
          p95ByQuery: byInput.map((times, i) => ({
            input: inputs[i],
            p95: Number(
              percentile(
                times.sort((a, b) => a - b),
                0.95,
              ).toFixed(2),
            ),
          })),
          data: 'synthetic payments inserted through the data layer (the large scenario cannot be synced fast enough yet)',
          scale,
        });
      } finally {
        core.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
