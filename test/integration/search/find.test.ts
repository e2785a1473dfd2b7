// search.find on a workspace fed from a simulated scenario (real SQLite, the real stripe SDK against the simulator):
// payments by a Stripe id prefix (pi_, ch_, re_), by amount, transfers, bank payouts, instructors by acct_, people
// and codes — and every lookup walks an index (query plans, no table scan).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import type { TestCore } from '../../fixtures/core';
import { openScenarioCore } from '../../fixtures/scenario-inputs';
import { search } from '../../../src/main/search/find';

let sim: RunningSimulator;
let t: TestCore;
const sqlite = () => t.core.services.sqlite;
const find = (q: string) => t.ok('support', 'search.find', { q });

beforeAll(async () => {
  ({ sim, t } = await openScenarioCore(31, { instructors: 3, learners: 12, weeks: 5, paymentsPerWeek: 10 }));
});
afterAll(async () => {
  t.close();
  await sim.close();
});

/** A payment row with its charge id, learner and amount. */
function aPayment() {
  return sqlite()
    .prepare(
      `SELECT p.id, p.stripe_payment_intent_id AS pi, p.total_amount_pence AS total, u.email,
         json_extract(o.payload, '$.latest_charge') AS charge
       FROM payments p JOIN users u ON u.id = p.learner_id JOIN stripe_object_states o ON o.id = p.stripe_payment_intent_id
       WHERE p.status = 'succeeded' ORDER BY p.created_at LIMIT 1`,
    )
    .get() as { id: string; pi: string; total: number; email: string; charge: string };
}

describe('search.find', () => {
  it('finds a payment by a pasted prefix of its charge or PaymentIntent id, linked to its drawer', async () => {
    const p = aPayment();
    for (const q of [p.charge.slice(0, 12), p.pi.slice(0, 12), p.pi]) {
      const hits = await find(q);
      expect(hits.find((h) => h.kind === 'payment' && h.id === p.id)?.link, q).toEqual({
        kind: 'route',
        path: '/payments',
        params: { id: p.id, q: p.pi },
      });
    }
  });

  it('finds payments by amount, in pounds as typed', async () => {
    const p = aPayment();
    const pounds = `${Math.floor(p.total / 100)}.${String(p.total % 100).padStart(2, '0')}`;
    for (const q of [pounds, `£${pounds}`]) {
      const hits = await find(q);
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.every((h) => h.kind !== 'payment' || h.title.startsWith(`£${pounds} `))).toBe(true);
      expect(hits.some((h) => h.id === p.id) || hits.length === 8).toBe(true);
    }
  });

  it('finds a refund’s payment, a transfer, a bank payout and an instructor by their Stripe ids', async () => {
    const refund = sqlite()
      .prepare('SELECT stripe_refund_id AS id, payment_id FROM refunds LIMIT 1')
      .get() as {
      id: string;
      payment_id: string;
    };
    expect((await find(refund.id)).map((h) => h.id)).toEqual([refund.payment_id]);
    const [tr] = sim.scenario!.anomalies.find((a) => a.kind === 'transfer_without_payout_record')!.ids;
    expect((await find(tr!))[0]).toMatchObject({
      kind: 'transfer',
      title: '£30.00 transfer',
      link: { path: '/unattributed' },
    });
    const [po] = sim.scenario!.anomalies.find((a) => a.kind === 'failed_platform_payout')!.ids;
    expect((await find(po!))[0]).toMatchObject({ kind: 'payout', detail: `${po} · failed` });
    const instructor = sim.scenario!.instructors[0]!;
    expect((await find(instructor.accountId.slice(0, 10))).map((h) => [h.kind, h.id])).toContainEqual([
      'instructor',
      instructor.id,
    ]);
  });

  it('finds learners and instructors by name or email, and codes by prefix', async () => {
    const learner = sim.scenario!.learners[0]!;
    const byEmail = await find(learner.email.toUpperCase());
    expect(byEmail[0]).toMatchObject({
      kind: 'person',
      link: { path: '/payments', params: { q: learner.email } },
    });
    const instructor = sim.scenario!.instructors[1]!;
    expect((await find(instructor.name)).map((h) => h.id)).toContain(instructor.id);
    const code = sqlite().prepare('SELECT id, code FROM discount_codes LIMIT 1').get() as {
      id: string;
      code: string;
    };
    expect((await find(code.code.slice(0, 4).toLowerCase())).map((h) => h.id)).toContain(code.id);
  });

  it('refuses one character, in words', async () => {
    const r = await t.call('support', 'search.find', { q: 'a' });
    expect(r.ok ? '' : r.error.message).toMatch(/Type at least 2 characters/);
  });

  it('walks an index for every kind of lookup: no query scans payments, refunds, objects or codes', () => {
    const db = sqlite();
    const plans: string[] = [];
    const prepare = db.prepare.bind(db);
    // Capture each statement the search runs and read its plan.
    (db as { prepare: typeof db.prepare }).prepare = ((sql: string) => {
      if (/^\s*(WITH|SELECT)/i.test(sql))
        plans.push(
          (
            prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
              ...new Array((sql.match(/\?/g) ?? []).length).fill('x'),
            ) as {
              detail: string;
            }[]
          )
            .map((r) => r.detail)
            .join(' | '),
        );
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      const p = aPayment();
      for (const q of [
        p.pi.slice(0, 10),
        p.charge.slice(0, 10),
        're_abc',
        'tr_abc',
        'po_abc',
        'acct_abc',
        '35.40',
        'WELC',
      ])
        search(db, q, 'test');
    } finally {
      (db as { prepare: typeof db.prepare }).prepare = prepare;
    }
    expect(plans.length).toBeGreaterThan(8);
    for (const plan of plans)
      expect(plan, plan).not.toMatch(
        /\bSCAN (p|payments|refunds|stripe_objects|o|discount_codes|referral_codes)\b(?! USING)/,
      );
  });
});
