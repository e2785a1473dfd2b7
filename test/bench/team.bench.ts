// Team server bench: 20 desktop clients (the pinned HTTPS client Electron's main uses) paging Payments and polling
// sync status at once, over TLS on loopback, while the server runs a backfill: latency of a payments page, refusals.
// The clients run in the server's process, so their work is the server's too (pessimistic).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { startSimulatorProcess } from './simulator-process';
import { PRESETS } from '../../src/main/simulator/index';
import { createCore } from '../../src/main/core';
import { MIGRATIONS_DIR, RENDERER_DIR } from '../../src/main/host/paths';
import { connectStripe } from '../../src/main/sync/connect';
import { serveWorkspace } from '../../src/main/host/team-server';
import { selfSignedPair } from '../../src/main/host/tls';
import { connectRemoteCore } from '../../src/main/team/remote-core';
import { LEGACY_PASSWORD_COST } from '../../src/main/operators/passwords';

const KEY = 'sk_test_benchteam0000';
const CLIENTS = 20;
/** Each desk turns a page and polls the status about four times a second (the console polls every 15 s). */
const THINK_MS = 250;
const PASSWORD = 'bench-password-1';
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const round1 = (n: number) => Math.round(n * 10) / 10;

export const benches: Bench[] = [
  {
    name: 'team.clients',
    async run({ scale, report }) {
      const fraction = scale === 'large' ? 1 / 10 : 1 / 100;
      const p = PRESETS.large;
      const sim = await startSimulatorProcess({
        seed: 42,
        payoutSchedule: 'weekly',
        scenario: {
          ...p,
          seed: 42,
          instructors: Math.max(5, Math.round(p.instructors * fraction)),
          learners: Math.max(50, Math.round(p.learners * fraction)),
          paymentsPerWeek: Math.max(20, Math.round(p.paymentsPerWeek * fraction)),
        },
      });
      const dir = mkdtempSync(join(tmpdir(), 'lplate-bench-team-'));
      const core = await createCore({
        workspaceDir: dir,
        migrationsDir: MIGRATIONS_DIR,
        autoSync: false,
        exclusive: true,
        log: () => {},
        passwordCost: LEGACY_PASSWORD_COST,
        stripeApi: { host: '127.0.0.1', port: sim.ready.port, protocol: 'http' },
        secrets: { get: () => KEY, set: () => {}, delete: () => {} },
        sync: { rateLimitPerSecond: 0 },
      });
      const host = await serveWorkspace(core, {
        rendererDir: RENDERER_DIR,
        tls: await selfSignedPair(dir, []),
      });
      const remote = connectRemoteCore({ host: '127.0.0.1', port: host.port }, host.fingerprint!);
      try {
        await core.dispatcher.call('setup', 'auth.createFirstAdmin', {
          username: 'admin',
          name: 'Bench Admin',
          email: 'admin@bench.test',
          password: PASSWORD,
        });
        const windows = Array.from({ length: CLIENTS }, (_, i) => `wc:${i + 1}`);
        for (const w of windows) {
          const r = await remote.dispatcher.call(w, 'auth.signIn', { username: 'admin', password: PASSWORD });
          if (!r.ok) throw new Error(r.error.message);
        }
        const started = performance.now();
        const jobId = await connectStripe(core.services, core.sync, KEY, { userId: null });
        let running = true;
        let backfillSeconds = 0;
        const backfill = core.sync.wait(jobId).then(() => {
          running = false;
          backfillSeconds = (performance.now() - started) / 1000;
        });
        const latencies: number[] = [];
        let refused = 0;
        const refusals = new Set<string>();
        let polls = 0;
        await Promise.all(
          windows.map(async (w, i) => {
            let page = 1 + (i % 5);
            // At least a few pages each, and on until the backfill ends.
            for (let n = 0; running || n < 5; n += 1) {
              const t = performance.now();
              const r = await remote.dispatcher.call(
                w,
                'payments.list',
                { page, pageSize: 50 },
                { background: true },
              );
              latencies.push(performance.now() - t);
              if (!r.ok) {
                refused += 1;
                refusals.add(r.error.message);
              }
              const s = await remote.dispatcher.call(w, 'sync.status', {}, { background: true });
              polls += 1;
              if (!s.ok) {
                refused += 1;
                refusals.add(s.error.message);
              }
              page = (page % 10) + 1;
              await new Promise((resolve) => setTimeout(resolve, THINK_MS * (0.5 + Math.random())));
            }
          }),
        );
        await backfill;
        const seconds = (performance.now() - started) / 1000;
        const sorted = [...latencies].sort((a, b) => a - b);
        const extra = {
          clients: CLIENTS,
          requests: latencies.length + polls,
          refused,
          seconds: round1(seconds),
          backfillSeconds: round1(backfillSeconds),
          ...(refusals.size > 0 ? { refusals: [...refusals] } : {}),
          scale,
        };
        report({
          bench: 'team.clients.payments_page_p95',
          value: round1(percentile(sorted, 0.95)),
          unit: 'ms',
          ...extra,
        });
        report({
          bench: 'team.clients.payments_page_p50',
          value: round1(percentile(sorted, 0.5)),
          unit: 'ms',
          ...extra,
        });
        report({ bench: 'team.clients.refused', value: refused, unit: 'requests', ...extra });
      } finally {
        remote.close();
        await host.close();
        core.close();
        await sim.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
