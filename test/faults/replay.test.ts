// Exactly-once and order independence: every event delivered twice and shuffled gives the same database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { RunningSimulator } from '../../src/main/simulator/index';
import { applyBatch } from '../../src/main/sync/apply-batch';
import { byCreatedThenId, eventInputs } from '../../src/main/sync/inputs';
import {
  differingTables,
  ledgerProblems,
  openSyncCore,
  seeded,
  startSmallSimulator,
  tableHashes,
  TEST_KEY,
  type SyncCore,
} from '../integration/sync/harness';

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('replay and reordering', () => {
  let sim: RunningSimulator;
  let events: Stripe.Event[] = [];
  const cores: SyncCore[] = [];

  beforeAll(async () => {
    sim = await startSmallSimulator(31);
    // Some reversals too, so transfers change after they were created.
    const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim.port, protocol: 'http' });
    for await (const transfer of stripe.transfers.list({ limit: 100 })) {
      // Some destinations have paid their balance out already: those reversals are refused, which is fine.
      await stripe.transfers.createReversal(transfer.id, { amount: 50 }).catch(() => null);
    }
    sim.control.advance(3 * 86_400);
    for await (const event of stripe.events.list({ limit: 100 })) events.push(event);
    events = events.sort(byCreatedThenId);
  });
  afterAll(async () => {
    for (const c of cores) c.close();
    await sim.close();
  });

  async function applied(batches: Stripe.Event[][]): Promise<Record<string, string>> {
    const c = await openSyncCore(sim.port);
    cores.push(c);
    const { sqlite, clock } = c.core.services;
    for (const batch of batches)
      applyBatch(c.core.services.projection, sqlite, eventInputs(batch), clock.now(), () => {});
    // Events carry no balance transactions, so only the ledger's own invariants apply here.
    expect(ledgerProblems(sqlite)).toEqual([]);
    return tableHashes(sqlite);
  }

  function randomBatches(items: Stripe.Event[], random: () => number): Stripe.Event[][] {
    const batches: Stripe.Event[][] = [];
    for (let i = 0; i < items.length;) {
      const size = 1 + Math.floor(random() * 60);
      batches.push(items.slice(i, i + size));
      i += size;
    }
    return batches;
  }

  it('has a scenario with every kind of change', () => {
    const types = new Set(events.map((e) => e.type));
    for (const t of [
      'payment_intent.succeeded',
      'charge.refunded',
      'transfer.reversed',
      'payout.paid',
      'account.updated',
    ])
      expect(types).toContain(t);
  });

  it.each([41, 42, 43])('gives the same database for events twice, shuffled (seed %i)', async (seed) => {
    const inOrder = await applied([events]);
    const random = seeded(seed);
    const twiceShuffled = shuffle([...events, ...events], random);
    const replayed = await applied(randomBatches(twiceShuffled, random));
    expect(differingTables(replayed, inOrder)).toEqual([]);
  });

  it('gives the same database for events newest first, one per transaction', async () => {
    const inOrder = await applied([events]);
    const reversed = await applied([...events].reverse().map((e) => [e]));
    expect(differingTables(reversed, inOrder)).toEqual([]);
  });
});
