// Team server bench: 20 desktop clients (the pinned HTTPS client Electron's main uses) paging Payments and polling
// sync status at once, over TLS on loopback, while the server runs a backfill: latency of a payments page, refusals.
// The clients run in a process of their own, as desks on other machines would.
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench';
import { startSimulatorProcess } from './simulator-process';
import { largeFraction } from '../../src/main/simulator/index';
import { createCore } from '../../src/main/core';
import { MIGRATIONS_DIR, RENDERER_DIR } from '../../src/main/host/paths';
import { connectStripe } from '../../src/main/sync/connect';
import { serveWorkspace } from '../../src/main/host/team-server';
import { selfSignedPair } from '../../src/main/host/tls';
import { forkBenchChild, nextMessage } from './bench-child';
import type { TeamClientsMessage, TeamClientsOptions } from './team-clients-child';
import { LEGACY_PASSWORD_COST } from '../../src/main/operators/passwords';

const CLIENTS_CHILD = fileURLToPath(new URL('./team-clients-child.ts', import.meta.url));
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
      const sim = await startSimulatorProcess({
        seed: 42,
        payoutSchedule: 'weekly',
        scenario: { ...largeFraction(fraction), seed: 42 },
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
      const options: TeamClientsOptions = {
        port: host.port,
        fingerprint: host.fingerprint!,
        clients: CLIENTS,
        thinkMs: THINK_MS,
        username: 'admin',
        password: PASSWORD,
      };
      const desks = forkBenchChild(CLIENTS_CHILD, { LPLATE_TEAM_CLIENTS: JSON.stringify(options) });
      const next = () => nextMessage<TeamClientsMessage>(desks, 'team clients');
      try {
        await core.dispatcher.call('setup', 'auth.createFirstAdmin', {
          username: 'admin',
          name: 'Bench Admin',
          email: 'admin@bench.test',
          password: PASSWORD,
        });
        desks.send('sign-in');
        const ready = await next();
        if (ready.kind !== 'ready') throw new Error('The team clients did not sign in');
        const started = performance.now();
        const jobId = await connectStripe(core.services, core.sync, KEY, { userId: null });
        let backfillSeconds = 0;
        const done = next();
        desks.send('go');
        const backfill = core.sync.wait(jobId).then(() => {
          backfillSeconds = (performance.now() - started) / 1000;
          desks.send('stop');
        });
        const result = await done;
        if (result.kind !== 'done') throw new Error('The team clients did not report');
        const { latencies, polls, refused, refusals } = result;
        await backfill;
        const seconds = (performance.now() - started) / 1000;
        const sorted = [...latencies].sort((a, b) => a - b);
        const extra = {
          clients: CLIENTS,
          requests: latencies.length + polls,
          refused,
          seconds: round1(seconds),
          backfillSeconds: round1(backfillSeconds),
          ...(refusals.length > 0 ? { refusals } : {}),
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
        desks.kill();
        await host.close();
        core.close();
        await sim.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
