// The payment checks proven once and made again only where something changed (src/main/recon/payment-proof.ts):
// after each kind of change — a charge refunded in Stripe and then synced, an amount edited in the ledger, a payment
// re-dated into or out of the period, a payment deleted, a new charge with no payment, an unattributed object taken
// out — the check of only what changed finds exactly what a whole check finds; a fee rate, a migration or a rebuild
// makes the next check whole again.
import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../../src/shared/contract/recon';
import { payLesson } from '../../fixtures/lesson-payment';
import { paymentChecks } from '../../../src/main/recon/checks';
import { isProven, provenPaymentChecks } from '../../../src/main/recon/payment-proof';
import { spanOf } from '../../../src/main/recon/period';
import { readStripe } from '../../../src/main/recon/stripe-kept';
import type { StripeSide } from '../../../src/main/recon/stripe-side';
import { syncEngineOf } from '../../../src/main/sync/registry';
import { JULY, reconWorkspace } from './workspace';

const ws = reconWorkspace(13);
const db = () => ws.c.core.services.sqlite;
const span = spanOf(JULY);
const WEEK = spanOf({ from: '2026-07-06', to: '2026-07-12' });
const DAY = 86_400_000;

/** The side as a run reads it: the kept read (of July) brought up to date with Stripe's changes. */
const read = async (of = span) => (await readStripe(db(), syncEngineOf(db()).connectedGateway()!, of)).side;
const whole = (side: StripeSide, of = span) => paymentChecks(db(), 'test', of, side);

/** The proven check, and the keys it checked again (null: it checked everything). */
function proven(side: StripeSide, of = span): { found: Discrepancy[]; only: Set<string> | null } {
  let only: Set<string> | null = null;
  const found = provenPaymentChecks(db(), of, side, (keys) => {
    only = keys;
    return paymentChecks(db(), 'test', of, side, keys);
  });
  return { found, only };
}

/** Reads Stripe, checks only what changed, and expects the whole check's discrepancies, of these kinds. */
async function expectAsWhole(kinds: string[], of = span): Promise<Set<string>> {
  const side = await read(of);
  const all = whole(side, of);
  const { found, only } = proven(side, of);
  expect(only).not.toBeNull();
  expect(only!.size).toBeLessThan(10);
  expect(found).toEqual(all);
  expect(all.map((d) => d.kind).sort()).toEqual([...kinds].sort());
  return only!;
}

const payment = (where: string, ...params: unknown[]) =>
  db()
    .prepare(
      `SELECT id, stripe_payment_intent_id AS pi, created_at AS created FROM payments WHERE ${where} LIMIT 1`,
    )
    .get(...params) as { id: string; pi: string; created: number };

const julyPayment = () =>
  payment(
    "status = 'succeeded' AND amount_refunded_pence = 0 AND created_at >= ? AND created_at < ? ORDER BY created_at",
    span.start + DAY,
    span.end - DAY,
  );

describe('payment checks proven since the last check', () => {
  it('checks the whole period once, then only what changed since', async () => {
    const side = await read();
    const first = proven(side);
    expect(first.only).toBeNull();
    expect(first.found).toEqual(whole(side));
    expect(first.found).toEqual([]);
    const again = proven(await read());
    expect(again.only).toEqual(new Set());
    // A sync that brings nothing new notes nothing.
    await ws.sync();
    expect(proven(await read()).only).toEqual(new Set());
  });

  it('finds a charge refunded in Stripe, then nothing once the refund is synced', async () => {
    const { pi } = julyPayment();
    await ws.stripe().refunds.create({ payment_intent: pi, amount: 250 });
    expect(await expectAsWhole(['payment_amount_differs'])).toContain(pi);
    await ws.sync();
    expect(await expectAsWhole([])).toContain(pi);
  });

  it('finds an amount changed in the ledger, and nothing once it is put back', async () => {
    const { id, pi } = julyPayment();
    const change = db().prepare(
      'UPDATE payments SET total_amount_pence = total_amount_pence + ?, instructor_amount_pence = instructor_amount_pence + ? WHERE id = ?',
    );
    change.run(100, 100, id);
    expect(await expectAsWhole(['payment_amount_differs', 'fee_mismatch'])).toEqual(new Set([pi]));
    change.run(-100, -100, id);
    await expectAsWhole([]);
  });

  it('finds a payment re-dated into a week from after it, and one re-dated out of it', async () => {
    // Another period: checked whole first.
    expect(proven(await read(WEEK), WEEK).only).toBeNull();
    // Its charge is later than the day after the week that the run reads charges up to.
    const later = payment('created_at >= ? ORDER BY created_at', WEEK.end + 2 * DAY);
    const setCreated = db().prepare('UPDATE payments SET created_at = ? WHERE id = ?');
    setCreated.run(WEEK.start + 3 * DAY, later.id);
    expect(await expectAsWhole(['payment_missing_in_stripe'], WEEK)).toContain(later.pi);
    setCreated.run(later.created, later.id);
    await expectAsWhole([], WEEK);
    const inWeek = payment(
      "status = 'succeeded' AND created_at >= ? AND created_at < ? ORDER BY created_at",
      WEEK.start,
      WEEK.end,
    );
    setCreated.run(WEEK.end + 5 * DAY, inWeek.id);
    // Its charge is still found through its PaymentIntent: nothing to report, as the whole check says.
    expect(await expectAsWhole([], WEEK)).toContain(inWeek.pi);
    setCreated.run(inWeek.created, inWeek.id);
    await expectAsWhole([], WEEK);
    // Back to July: checked whole again.
    expect(proven(await read()).only).toBeNull();
  });

  it('finds a payment deleted, and nothing once it is back', async () => {
    const { id, pi } = julyPayment();
    db().pragma('foreign_keys = OFF');
    try {
      db().exec(`CREATE TEMP TABLE gone AS SELECT * FROM payments WHERE id = '${id}'`);
      db().prepare('DELETE FROM payments WHERE id = ?').run(id);
      expect(await expectAsWhole(['charge_missing_in_ledger'])).toContain(pi);
      db().exec('INSERT INTO payments SELECT * FROM temp.gone; DROP TABLE temp.gone');
    } finally {
      db().pragma('foreign_keys = ON');
    }
    await expectAsWhole([]);
  });

  it('finds a new charge with no payment yet, and nothing once it is synced', async () => {
    const s = ws.sim.scenario!;
    await payLesson(ws.stripe(), s.learners[3]!, s.instructors[3]!);
    await expectAsWhole(['charge_missing_in_ledger']);
    await ws.sync();
    await expectAsWhole([]);
  });

  it('finds a charge taken out of the unattributed list, and nothing once it is back', async () => {
    const side = await read();
    const ids = new Set(
      side.charges.filter((c) => c.status === 'succeeded').flatMap((c) => [c.id, c.paymentIntent]),
    );
    const row = (
      db().prepare('SELECT * FROM unattributed_objects ORDER BY created').all() as { object_id: string }[]
    ).find((r) => ids.has(r.object_id));
    expect(row).toBeDefined();
    db().prepare('DELETE FROM unattributed_objects WHERE object_id = ?').run(row!.object_id);
    expect(await expectAsWhole(['charge_missing_in_ledger'])).toContain(row!.object_id);
    const columns = Object.keys(row!);
    db()
      .prepare(
        `INSERT INTO unattributed_objects (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
      )
      .run(row);
    await expectAsWhole([]);
  });

  it('checks everything after a new fee rate, a migration, another period or a rebuild', async () => {
    await expectAsWhole([]);
    // The background refresh asks the same: a proof that no longer stands is proven again.
    expect(isProven(db(), span)).toBe(true);
    expect(isProven(db(), WEEK)).toBe(false);
    const rate = db().prepare(
      `INSERT INTO settings_history (id, key, value, effective_from, created_by, created_at)
         VALUES ('fee-test', 'platform_fee_bps', 1900, '2026-07-15', NULL, 0)`,
    );
    rate.run();
    expect(isProven(db(), span)).toBe(false);
    const side = await read();
    const withRate = proven(side);
    expect(withRate.only).toBeNull();
    expect(withRate.found).toEqual(whole(side));
    expect(withRate.found.map((d) => d.kind)).toContain('fee_mismatch');
    db().prepare("DELETE FROM settings_history WHERE id = 'fee-test'").run();
    expect(proven(await read()).only).toBeNull();
    expect(proven(await read()).only).toEqual(new Set());

    expect(isProven(db(), span)).toBe(true);
    db().prepare("INSERT INTO schema_migrations (tag, sha256, applied_at) VALUES ('9999_test', '', 0)").run();
    expect(isProven(db(), span)).toBe(false);
    expect(proven(await read()).only).toBeNull();
    db().prepare("DELETE FROM schema_migrations WHERE tag = '9999_test'").run();
    expect(proven(await read()).only).toBeNull();

    const week = spanOf({ from: '2026-07-06', to: '2026-07-12' });
    provenPaymentChecks(db(), week, await read(), (keys) => paymentChecks(db(), 'test', week, side, keys));
    expect(proven(await read()).only).toBeNull();
    expect(proven(await read()).only).toEqual(new Set());

    await ws.call('admin', 'ledger.rebuild', {});
    expect(db().prepare('SELECT count(*) FROM recon_payment_proof').pluck().get()).toBe(0);
    expect(db().prepare('SELECT count(*) FROM recon_payment_unproven').pluck().get()).toBe(0);
    expect(proven(await read()).only).toBeNull();
    expect(proven(await read()).only).toEqual(new Set());
  });

  it('gives a run the whole check’s payment discrepancies', async () => {
    await ws.reconcile('fin', JULY);
    const { id } = julyPayment();
    const fee = db().prepare(
      'UPDATE payments SET platform_fee_pence = platform_fee_pence + ?, instructor_amount_pence = instructor_amount_pence - ? WHERE id = ?',
    );
    fee.run(1, 1, id);
    const report = await ws.reconcile('fin', JULY);
    const kinds = new Set([
      'payment_amount_differs',
      'payment_status_differs',
      'split_mismatch',
      'fee_mismatch',
    ]);
    const found = report.discrepancies.filter((d) => kinds.has(d.kind) || d.kind.startsWith('payment_'));
    expect(found.map((d) => d.kind)).toEqual(['fee_mismatch']);
    expect(found).toEqual(whole(await read()));
    fee.run(-1, -1, id);
  });
});
