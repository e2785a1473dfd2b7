// Outbox bench: Stripe writes end to end (intent committed → sent with its key → answer and effects committed)
// against the simulator in its own process with the rate limit off, beside bare SDK calls in the same run.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import type { Bench } from './bench';
import { startSimulatorProcess } from './simulator-process';
import { simulatorCore } from './simulator-core';
import type { Core } from '../../src/main/core';
import { submitStripeWrites } from '../../src/main/outbox/index';
import { writeState } from '../../src/main/sync/state';

export const KEY = 'sk_test_benchoutbox00';
const round1 = (n: number) => Math.round(n * 10) / 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function simulatorControl(port: number, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/_sim/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.json();
}

/** A workspace connected to the simulator, with one operator to ask for the writes (the payouts bench's too). */
export async function openConsole(
  port: number,
  dir: string,
  concurrency: number,
  rateLimitPerSecond = 0,
): Promise<{ core: Core; by: { id: string; name: string } }> {
  const core = await simulatorCore(dir, port, KEY, { sync: { rateLimitPerSecond }, outbox: { concurrency } });
  const { sqlite } = core.services;
  const id = randomUUID();
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', true, Date.now());
    writeState(sqlite, 'mode', 'test', Date.now());
    sqlite
      .prepare(
        "INSERT INTO users (id, email, name, created_at, updated_at) VALUES (?, 'bench@lplate.test', 'Bench', 0, 0)",
      )
      .run(id);
  })();
  return { core, by: { id, name: 'Bench' } };
}

export const benches: Bench[] = [
  {
    name: 'outbox.send',
    async run({ scale, report }) {
      const writes = scale === 'large' ? 20_000 : 2_000;
      const sim = await startSimulatorProcess({
        seed: 42,
        scenario: {
          startDate: '2026-07-01',
          instructors: 20,
          learners: 200,
          weeks: 4,
          paymentsPerWeek: 400,
          paidFridays: 0,
        },
        payoutSchedule: 'manual',
      });
      const port = sim.ready.port;
      const dirs: string[] = [];
      try {
        // Every charge settled and nothing swept to the bank: the platform can fund every 1p transfer.
        await simulatorControl(port, 'clock/advance', { seconds: 10 * 86_400 });
        const accounts = (await (
          await fetch(`http://127.0.0.1:${port}/v1/accounts?limit=100`, {
            headers: { authorization: `Bearer ${KEY}` },
          })
        ).json()) as { data: { id: string; capabilities: { transfers: string } }[] };
        const destinations = accounts.data
          .filter((a) => a.capabilities.transfers === 'active')
          .map((a) => a.id);
        const params = (i: number) => ({
          amount: 1,
          currency: 'gbp',
          destination: destinations[i % destinations.length]!,
        });

        // Bare SDK calls, one after another, each with an idempotency key: the floor the outbox adds to.
        const stripe = new Stripe(KEY, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
        const bare = Math.min(writes, 1_000);
        let t = performance.now();
        for (let i = 0; i < bare; i++)
          await stripe.transfers.create(params(i), { idempotencyKey: `bench-bare:${randomUUID()}` });
        const bareMsPerWrite = (performance.now() - t) / bare;
        report({
          bench: 'outbox.send.bareSdk',
          value: Math.round(1000 / bareMsPerWrite),
          unit: 'writes/s',
          scale,
          writes: bare,
          msPerWrite: round1(bareMsPerWrite),
          note: 'stripe.transfers.create in a loop, one at a time, no database',
        });

        for (const concurrency of [1, 8]) {
          const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-outbox-'));
          dirs.push(dir);
          const { core, by } = await openConsole(port, dir, concurrency);
          try {
            t = performance.now();
            const { jobId } = submitStripeWrites(core.services, {
              title: `${writes} bench transfers`,
              by,
              record: () =>
                Array.from({ length: writes }, (_, i) => {
                  const id = randomUUID();
                  return {
                    id,
                    kind: 'transfer.create' as const,
                    params: params(i),
                    idempotencyKey: `bench-outbox:${id}`,
                    intent: { type: 'bench', id },
                    description: `Bench transfer ${i + 1}`,
                  };
                }),
            });
            const committed = performance.now() - t;
            let job = await core.services.jobs.wait(jobId!, 3_600_000);
            while (job && (job.state === 'queued' || job.state === 'running'))
              job = await core.services.jobs.wait(jobId!, 3_600_000);
            const seconds = (performance.now() - t) / 1000;
            const { sqlite } = core.services;
            const latencies = sqlite
              .prepare(
                "SELECT completed_at - created_at FROM stripe_requests WHERE state = 'succeeded' ORDER BY 1",
              )
              .pluck()
              .all() as number[];
            report({
              bench: concurrency === 1 ? 'outbox.send' : `outbox.send.concurrency${concurrency}`,
              value: Math.round(writes / seconds),
              unit: 'writes/s',
              scale,
              writes,
              concurrency,
              jobState: job?.state,
              succeeded: latencies.length,
              wallSeconds: round1(seconds),
              commitIntentsMs: Math.round(committed),
              msPerWrite: round1((seconds * 1000) / writes),
              overheadMsPerWriteOverBareSdk:
                concurrency === 1 ? round1((seconds * 1000) / writes - bareMsPerWrite) : undefined,
              secondsFromIntentToSettled: {
                p50: round1(percentile(latencies, 50) / 1000),
                p95: round1(percentile(latencies, 95) / 1000),
              },
              note: 'all writes committed in one transaction, then sent by the outbox; each answer is committed with its effects (the transfer applied to the ledger) and an audit row',
              rateLimit: 'off',
            });
          } finally {
            core.close();
          }
        }
      } finally {
        sim.kill();
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
