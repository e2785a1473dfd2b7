// The Stripe side read once and then only its changes (src/main/recon/stripe-kept.ts), through the real stripe SDK
// against the simulator: after refunds, reversals, a failed payout, a dispute and new charges made in Stripe, the
// changes give exactly what a whole read gives; an old kept read, another period, or an interrupted read fall back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../../src/main/db/migrate';
import { payLesson } from '../../fixtures/lesson-payment';
import { spanOf } from '../../../src/main/recon/period';
import { readStripe, STRIPE_EVENT_RETENTION_S, type StripeRead } from '../../../src/main/recon/stripe-kept';
import { syncEngineOf } from '../../../src/main/sync/registry';
import type { ReconPeriod } from '../../../src/shared/contract/recon';
import { FIRST_WEEK, JULY, reconWorkspace, runJob } from './workspace';

const ws = reconWorkspace(11);
const db = () => ws.c.core.services.sqlite;
const gateway = () => syncEngineOf(db()).connectedGateway()!;
const SECOND_WEEK: ReconPeriod = { kind: 'week', from: '2026-07-06', to: '2026-07-12' };

/** The side without the moment its balance was read, which differs between any two reads. */
const sideOf = ({ side }: StripeRead) => ({ ...side, balanceAt: undefined, kept: undefined });
const kept = () => ({
  read: db().prepare('SELECT * FROM recon_stripe_read').all(),
  objects: db().prepare('SELECT * FROM recon_stripe_objects ORDER BY kind, id').all(),
});

const inJuly = (o: { created: number }) =>
  o.created * 1000 >= spanOf(JULY).start && o.created * 1000 < spanOf(JULY).end;

/** The first succeeded, unrefunded, undisputed charge of July. */
function julyCharge(): { id: string; pi: string } {
  const row = [...ws.sim.state.payments.items]
    .filter(
      (p) =>
        p.account === null && p.status === 'succeeded' && p.amountRefunded === 0 && !p.disputeId && inJuly(p),
    )
    .sort((a, b) => a.created - b.created)[0]!;
  return { id: row.chargeId!, pi: row.id };
}

/** The changes: a refund, a reversal, a dispute, a new charge (by the n-th learner), and a July bank payout failing if one is left. */
async function changeStripe(n: number) {
  const stripe = ws.stripe();
  const refunded = julyCharge();
  await stripe.refunds.create({ payment_intent: refunded.pi, amount: 250 });
  const transfer = ws.sim.state.transfers.items.find((t) => inJuly(t) && t.amount - t.amountReversed >= 100)!;
  const reversedBefore = transfer.amountReversed;
  await stripe.transfers.createReversal(transfer.id, { amount: 100 });
  const disputed = julyCharge(); // the refunded one is not among them any more
  ws.sim.control.openDispute(disputed.id);
  const s = ws.sim.scenario!;
  await payLesson(stripe, s.learners[n % s.learners.length]!, s.instructors[n % s.instructors.length]!);
  // July has a few bank payouts: the later calls may find none left to fail.
  const payout = ws.sim.state.payouts.items.find(
    (p) => p.account === null && p.status === 'paid' && inJuly(p),
  );
  if (payout) ws.sim.control.failPayout(payout.id);
  return {
    refunded: refunded.id,
    disputed: disputed.id,
    transfer: transfer.id,
    reversed: reversedBefore + 100,
    payout: payout?.id,
  };
}

describe('the Stripe side, kept and brought up to date', () => {
  it('is read whole first, then only what changed, and equals a whole read after changes in Stripe', async () => {
    const span = spanOf(JULY);
    const first = await readStripe(db(), gateway(), span);
    expect(first.changesSince).toBeNull();
    const unchanged = await readStripe(db(), gateway(), span);
    expect(unchanged.changesSince).toBe(first.side.balanceAt * 1000);
    expect(sideOf(unchanged)).toEqual(sideOf(first));

    const changed = await changeStripe(0);
    const changes = await readStripe(db(), gateway(), span);
    expect(changes.changesSince).not.toBeNull();
    const whole = await readStripe(db(), gateway(), span, undefined, true);
    expect(whole.changesSince).toBeNull();
    expect(sideOf(changes)).toEqual(sideOf(whole));
    // The changes are in it, so the comparison is not of two stale reads.
    const charge = (id: string) => changes.side.charges.find((c) => c.id === id)!;
    expect(charge(changed.refunded).amountRefunded).toBe(250);
    expect(charge(changed.disputed).disputed).toBe(true);
    expect(changes.side.charges.length).toBe(first.side.charges.length + 1);
    expect(changes.side.transfers.find((t) => t.id === changed.transfer)!.amountReversed).toBe(
      changed.reversed,
    );
    expect(changed.payout).toBeDefined();
    expect(changes.side.payouts.find((p) => p.id === changed.payout)!.status).toBe('failed');
  });

  it('gives a run the same discrepancies as a run that reads Stripe whole, and says which it did', async () => {
    await ws.reconcile('fin', JULY);
    await changeStripe(2);
    const job = await runJob(ws.call, 'fin', JULY);
    expect(job.message).toMatch(
      /Stripe: only the changes since \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d were read\.$/,
    );
    const changes = await ws.call('fin', 'recon.get', { reportId: job.resultId! });
    const whole = await ws.reconcile('fin', JULY, true);
    expect(changes.discrepancies).toEqual(whole.discrepancies);
    // The refund and the new charge are not synced yet: the run saw them.
    expect(changes.discrepancies.map((d) => d.kind)).toContain('charge_missing_in_ledger');
    await ws.sync();
  });

  it('serves a period inside the kept one, and reads whole for one outside it', async () => {
    await readStripe(db(), gateway(), spanOf(JULY), undefined, true);
    const inside = await readStripe(db(), gateway(), spanOf(SECOND_WEEK));
    expect(inside.changesSince).not.toBeNull();
    expect(sideOf(inside)).toEqual(
      sideOf(await readStripe(db(), gateway(), spanOf(SECOND_WEEK), undefined, true)),
    );
    // The kept read is now the week's: July is not inside it, nor is the week before.
    expect((await readStripe(db(), gateway(), spanOf(JULY))).changesSince).toBeNull();
    expect((await readStripe(db(), gateway(), spanOf(FIRST_WEEK))).changesSince).toBeNull();
  });

  it('reads whole once the kept read is older than Stripe keeps its events', async () => {
    await readStripe(db(), gateway(), spanOf(JULY));
    db().prepare('UPDATE recon_stripe_read SET read_at = read_at - ?').run(STRIPE_EVENT_RETENTION_S);
    const old = await readStripe(db(), gateway(), spanOf(JULY));
    expect(old.changesSince).toBeNull();
    expect((await readStripe(db(), gateway(), spanOf(JULY))).changesSince).not.toBeNull();
  });

  it('keeps nothing of a read Stripe broke off, says so as before, and the next run gives the whole read', async () => {
    await ws.reconcile('fin', JULY);
    const before = kept();
    await changeStripe(4);
    ws.sim.control.setFaults({ routes: { 'GET /v1/payouts': { error500: 1, shouldRetry: false } } });
    try {
      const job = await runJob(ws.call, 'fin', JULY);
      expect(job.state).toBe('failed');
      expect(job.message).toMatch(/^Stripe could not be read, so nothing was checked or saved: .+ Try again/);
    } finally {
      ws.sim.control.clearFaults();
    }
    expect(kept()).toEqual(before);
    const changes = await readStripe(db(), gateway(), spanOf(JULY));
    expect(changes.changesSince).not.toBeNull();
    expect(sideOf(changes)).toEqual(sideOf(await readStripe(db(), gateway(), spanOf(JULY), undefined, true)));
  });

  it('refetches only a charge whose refund or dispute event no later event of the charge follows', async () => {
    const span = spanOf(JULY);
    await readStripe(db(), gateway(), span, undefined, true);
    // A refund: Stripe's refund.created is followed by charge.refunded, which carries the charge as it left it.
    const refunded = julyCharge();
    await ws.stripe().refunds.create({ payment_intent: refunded.pi, amount: 300 });
    // A dispute closed: charge.dispute.closed carries the dispute, and no charge event follows it.
    const disputed = julyCharge();
    const dispute = ws.sim.control.openDispute(disputed.id);
    await readStripe(db(), gateway(), span);
    ws.sim.control.closeDispute(dispute.id, 'lost');
    await ws.stripe().refunds.create({ payment_intent: julyCharge().pi, amount: 200 });
    const fetched: number[] = [];
    const changes = await readStripe(db(), gateway(), span, (n, endpoint) => {
      if (endpoint === 'GET /v1/charges/:id') fetched.push(n);
    });
    expect(changes.changesSince).not.toBeNull();
    expect(fetched).toHaveLength(1);
    expect(sideOf(changes)).toEqual(sideOf(await readStripe(db(), gateway(), span, undefined, true)));
    expect(changes.side.charges.find((c) => c.id === refunded.id)!.amountRefunded).toBe(300);
  });

  it('converts a kept read of one JSON text per object (migration 0036) into the same side', async () => {
    const span = spanOf(JULY);
    await readStripe(db(), gateway(), span, undefined, true);
    const before = kept();
    const asRead = await readStripe(db(), gateway(), span);
    // The kept read put back as migration 0034 made it, each object's fields (StripeCharge, StripeTransfer, and the
    // bank payout with the ids of what it carried) as one JSON text, then migrated again.
    const rows = db().prepare('SELECT * FROM recon_stripe_objects').all() as Record<string, unknown>[];
    db().exec(`DROP TABLE recon_stripe_objects;
      CREATE TABLE recon_stripe_objects (kind text NOT NULL, id text NOT NULL, fields text NOT NULL,
        PRIMARY KEY (kind, id))`);
    const insert = db().prepare('INSERT INTO recon_stripe_objects (kind, id, fields) VALUES (?, ?, ?)');
    for (const r of rows) {
      const base = { id: r.id, amount: r.amount, created: r.created };
      const fields =
        r.kind === 'charge'
          ? {
              ...base,
              paymentIntent: r.payment_intent,
              amountRefunded: r.amount_refunded,
              status: r.status,
              disputed: r.disputed === 1,
            }
          : r.kind === 'transfer'
            ? { ...base, amountReversed: r.amount_reversed, destination: r.destination }
            : {
                ...base,
                status: r.status,
                automatic: r.automatic === 1,
                carriedPence: r.carried_pence,
                carriedIds: Array.from({ length: r.carried_count as number }, (_, i) => `txn_${i}`),
              };
      insert.run(r.kind, r.id, JSON.stringify(fields));
    }
    const migration = readFileSync('drizzle/0036_recon_kept_columns.sql', 'utf8');
    db().transaction(() => splitStatements(migration).forEach((sql) => db().exec(sql)))();
    expect(kept()).toEqual(before);
    const converted = await readStripe(db(), gateway(), span);
    expect(converted.changesSince).not.toBeNull();
    expect(sideOf(converted)).toEqual(sideOf(asRead));
    expect(converted.side.payouts.some((p) => p.carriedCount > 0)).toBe(true);
  });
});
