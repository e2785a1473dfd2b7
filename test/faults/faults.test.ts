// Injected Stripe faults (500, 429 with Retry-After, connections dropped before and after): sync converges anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../src/main/simulator/index';
import { buildStatus } from '../../src/main/sync/status';
import {
  connectAndSync,
  differingTables,
  ledgerProblems,
  openSyncCore,
  runJob,
  startSmallSimulator,
  tableHashes,
  type SyncCore,
} from '../integration/sync/harness';

describe('sync under injected faults', () => {
  let sim: RunningSimulator;
  let reference: Record<string, string>;
  const cores: SyncCore[] = [];
  const open = async (seed: number) => {
    const c = await openSyncCore(sim.port, {
      seed,
      sync: { pageSize: 20, batchSize: 50, backfillBatchSize: 50 },
    });
    cores.push(c);
    return c.core;
  };

  beforeAll(async () => {
    sim = await startSmallSimulator(51);
    const core = await open(1);
    expect((await connectAndSync(core))?.state).toBe('done');
    reference = tableHashes(core.services.sqlite);
  });
  afterAll(async () => {
    for (const c of cores) c.close();
    await sim.close();
  });

  it.each([61, 62, 63])(
    'converges to the same database with 10 percent of requests failing (seed %i)',
    async (seed) => {
      sim.control.setFaults({
        seed,
        global: {
          error500: 0.03,
          rateLimit429: 0.03,
          dropBefore: 0.02,
          dropAfter: 0.02,
          retryAfterSeconds: 0,
        },
      });
      const injected = () => Object.values(sim.control.summary().faultsInjected).reduce((a, b) => a + b, 0);
      const injectedBefore = injected();
      const core = await open(seed);
      try {
        const first = await connectAndSync(core);
        expect(first?.state).toBe('done');
        // A second pass under the same faults changes nothing.
        expect((await runJob(core, 'sync'))?.state).toBe('done');
      } finally {
        sim.control.clearFaults();
      }
      expect(injected()).toBeGreaterThan(injectedBefore + 3);
      expect(differingTables(tableHashes(core.services.sqlite), reference)).toEqual([]);
      expect(buildStatus(core.services.sqlite, null, 0).openErrors).toBe(0);
      expect(ledgerProblems(core.services.sqlite, sim)).toEqual([]);
    },
  );

  it('honours Retry-After on a 429 before trying again', async () => {
    sim.control.setFaults({ seed: 9, routes: { '/v1/balance': { rateLimit429: 1, retryAfterSeconds: 1 } } });
    const core = await open(9);
    const gateway = core.sync.gatewayFor('sk_test_retryafter1234');
    const started = performance.now();
    const attempt = gateway.call('GET /v1/balance', (s) => s.balance.retrieve());
    // Let one 429 through, then lift the fault: the second attempt waits for Retry-After (1 s).
    await new Promise((resolve) => setTimeout(resolve, 100));
    sim.control.clearFaults();
    await attempt;
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });
});
