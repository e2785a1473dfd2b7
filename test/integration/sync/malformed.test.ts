// Malformed events (missing fields, unknown types, wrong currency) become recorded errors and never stop the sync.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { listSyncErrors } from '../../../src/main/sync/status';
import {
  connectAndSync,
  count,
  ledgerProblems,
  openSyncCore,
  runJob,
  startSmallSimulator,
  TEST_KEY,
  type SyncCore,
} from './harness';

describe('malformed events', () => {
  let sim: RunningSimulator;
  let c: SyncCore;
  beforeAll(async () => {
    sim = await startSmallSimulator(71);
    c = await openSyncCore(sim.port);
    await connectAndSync(c.core);
  });
  afterAll(async () => {
    c.close();
    await sim.close();
  });

  it('records each with its event id, applies the good events around them, and says so in the job', async () => {
    const now = sim.control.now();
    const planted = (id: string, type: string, data?: unknown) =>
      sim.state.events.add({
        id,
        created: now,
        type,
        account: null,
        json: JSON.stringify({ id, object: 'event', type, created: now, ...(data ? { data } : {}) }),
      });
    planted('evt_no_data', 'charge.updated');
    planted('evt_unknown_type', 'invoice.paid', {
      object: { id: 'in_1', object: 'invoice', currency: 'gbp' },
    });
    planted('evt_usd', 'charge.succeeded', {
      object: { id: 'ch_usd1', object: 'charge', currency: 'usd', amount: 1000, created: now },
    });
    planted('evt_no_object_id', 'payment_intent.succeeded', {
      object: { object: 'payment_intent', amount: 100 },
    });
    const stripe = new Stripe(TEST_KEY, { host: '127.0.0.1', port: sim.port, protocol: 'http' });
    const good = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'gbp',
      confirm: true,
      payment_method: 'pm_card_visa',
    });
    sim.control.advance(30);

    const job = await runJob(c.core, 'sync');
    expect(job?.state).toBe('done');
    const { sqlite } = c.core.services;
    expect(count(sqlite, 'SELECT count(*) FROM stripe_objects WHERE id = ?', good.id)).toBe(1);
    const errors = listSyncErrors(sqlite, {
      page: 1,
      pageSize: 50,
      sort: { column: 'code', direction: 'asc' },
      open: true,
    }).rows;
    const byEvent = Object.fromEntries(errors.map((e) => [e.eventId, e]));
    expect(byEvent.evt_no_data).toMatchObject({ scope: 'event', code: 'malformed_event' });
    expect(byEvent.evt_unknown_type).toMatchObject({ code: 'unknown_type', objectId: 'in_1' });
    expect(byEvent.evt_usd).toMatchObject({ code: 'wrong_currency', objectId: 'ch_usd1' });
    expect(byEvent.evt_no_object_id).toMatchObject({ code: 'malformed_object' });
    for (const e of errors) expect(e.hint.length).toBeGreaterThan(10);
    expect(count(sqlite, "SELECT count(*) FROM stripe_objects WHERE id = 'ch_usd1'")).toBe(0);

    // Seen again in the next overlapping pass: still one error each, not new ones.
    expect((await runJob(c.core, 'sync'))?.state).toBe('done');
    expect(count(sqlite, 'SELECT count(*) FROM sync_errors WHERE resolved_at IS NULL')).toBe(errors.length);
    expect(ledgerProblems(sqlite, sim)).toEqual([]);
  });
});
