// Codes bench: generating batches of codes end to end (definitions, audit and writes committed, then a coupon and a
// promotion code per code made in Stripe), and the Codes page's list over every code, against the simulator in its
// own process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { startSimulatorProcess } from './simulator-process';
import { simulatorCore } from './simulator-core';
import type { Core } from '../../src/main/core';
import { writeState } from '../../src/main/sync/state';
import type { InputOf, MethodName, OutputOf } from '../../src/shared/contract';

const KEY = 'sk_test_benchcodes000';
const PASSWORD = 'bench-password-1';
const round1 = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function openConsole(port: number, dir: string) {
  const core = await simulatorCore(dir, port, KEY, { outbox: { concurrency: 4 } });
  const { sqlite } = core.services;
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', true, Date.now());
    writeState(sqlite, 'mode', 'test', Date.now());
  })();
  const call = async <M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> => {
    const r = await core.dispatcher.call('bench', method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.data as OutputOf<M>;
  };
  await call('auth.createFirstAdmin', {
    username: 'admin',
    name: 'Admin',
    email: 'a@lplate.test',
    password: PASSWORD,
  });
  await call('operators.add', {
    username: 'fin',
    name: 'Fin',
    email: 'f@lplate.test',
    role: 'finance',
    password: PASSWORD,
  });
  await call('auth.signIn', { username: 'fin', password: PASSWORD });
  return { core, call };
}

async function ended(core: Core, jobId: string) {
  let job = await core.services.jobs.wait(jobId, 3_600_000);
  while (job && (job.state === 'queued' || job.state === 'running'))
    job = await core.services.jobs.wait(jobId, 3_600_000);
  return job;
}

export const benches: Bench[] = [
  {
    name: 'codes.generate',
    async run({ scale, report }) {
      const batches = scale === 'large' ? 10 : 2;
      const sim = await startSimulatorProcess({
        seed: 43,
        scenario: { startDate: '2026-07-01', instructors: 2, learners: 10, weeks: 1, paymentsPerWeek: 5 },
      });
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-codes-'));
      const { core, call } = await openConsole(sim.ready.port, dir);
      try {
        for (let b = 0; b < batches; b++) {
          const t = performance.now();
          const { jobId } = await call('codes.generate', {
            prefix: `B${b}`,
            count: 1000,
            percentage: 10 + (b % 3),
            maxUses: 1,
            expiresOn: null,
          });
          const committed = performance.now() - t;
          const job = await ended(core, jobId);
          const seconds = (performance.now() - t) / 1000;
          report({
            bench: 'codes.generate',
            value: Math.round(1000 / seconds),
            unit: 'codes/s',
            scale,
            batch: b + 1,
            codesBefore: b * 1000,
            jobState: job?.state,
            commitMs: Math.round(committed),
            wallSeconds: round1(seconds),
            note: '1,000 codes: definitions, audit rows, projection and writes in one commit, then 1 coupon and 1,000 promotion codes made in Stripe',
          });
        }
        for (const q of [undefined, 'B0-A']) {
          const times: number[] = [];
          for (let i = 0; i < 30; i++) {
            const t = performance.now();
            await call('codes.list', { kind: 'discount', page: 1 + (i % 5), pageSize: 50, q });
            times.push(performance.now() - t);
          }
          times.sort((a, b) => a - b);
          report({
            bench: q ? 'codes.list.search' : 'codes.list',
            value: round1(percentile(times, 95)),
            unit: 'ms p95',
            p50: round1(percentile(times, 50)),
            scale,
            codes: batches * 1000,
            note: 'a page of 50 codes with revenue, flags and each code’s state in Stripe',
          });
        }
      } finally {
        core.close();
        sim.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
