// overview.attention on a workspace fed from a simulated scenario with its planted anomalies: every kind of trouble
// shows, with a link to its object; resolving it (attributing money) takes it off the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import type { TestCore } from '../../fixtures/core';
import { openScenarioCore } from '../../fixtures/scenario-inputs';
import { writeState } from '../../../src/main/sync/state';
import { stripeBalanceOf } from '../../../src/main/ledger/balances';

let sim: RunningSimulator;
let t: TestCore;
const anomaly = (kind: string) =>
  sim.scenario!.anomalies.find((a) => a.kind === kind)!.ids as [string, ...string[]];

beforeAll(async () => {
  ({ sim, t } = await openScenarioCore(21, { instructors: 4, learners: 20, weeks: 7, paymentsPerWeek: 10 }));
});
afterAll(async () => {
  t.close();
  await sim.close();
});

const group = async (kind: string) =>
  (await t.ok('support', 'overview.attention', {})).find((g) => g.kind === kind);

describe('overview.attention', () => {
  it('lists the open dispute with its evidence deadline, linked to its payment', async () => {
    const [dp, , pi] = anomaly('dispute');
    const disputes = (await group('open_disputes'))!;
    expect(disputes).toMatchObject({ tone: 'red', total: 1 });
    const item = disputes.items[0]!;
    expect(item.id).toBe(dp);
    expect(item.title).toMatch(/^Dispute of £[\d,.]+: Unauthorised$/);
    expect(item.detail).toMatch(/^Needs response; evidence due by \w{3} \d{1,2} \w{3} 2026\./);
    const paymentId = t.core.services.sqlite
      .prepare('SELECT id FROM payments WHERE stripe_payment_intent_id = ?')
      .pluck()
      .get(pi) as string;
    expect(item.link).toEqual({ kind: 'route', path: '/payments', params: { id: paymentId } });
  });

  it('lists the failed platform payout with its Stripe link and the restricted instructor', async () => {
    const [po] = anomaly('failed_platform_payout');
    const payouts = (await group('failed_platform_payouts'))!;
    expect(payouts.items.map((i) => i.id)).toEqual([po]);
    expect(payouts.items[0]!.link).toEqual({
      kind: 'stripe',
      url: `https://dashboard.stripe.com/test/payouts/${po}`,
    });
    const [account] = anomaly('account_payouts_disabled');
    const instructor = sim.scenario!.instructors.find((i) => i.accountId === account)!;
    const restricted = (await group('restricted_accounts'))!;
    expect(restricted.items.map((i) => i.link)).toContainEqual({
      kind: 'route',
      path: '/instructors',
      params: { id: instructor.id },
    });
  });

  it('shows drift only when Stripe’s reported balance differs from the ledger’s', async () => {
    const { sqlite, clock } = t.core.services;
    expect(await group('balance_drift')).toBeUndefined();
    const ledger = stripeBalanceOf(sqlite);
    writeState(sqlite, 'stripe_balance', { pence: ledger, observedAt: clock.now() }, clock.now());
    expect(await group('balance_drift')).toBeUndefined();
    writeState(sqlite, 'stripe_balance', { pence: ledger + 1234, observedAt: clock.now() }, clock.now());
    expect((await group('balance_drift'))!.items[0]!.detail).toMatch(/^A difference of £12\.34/);
  });

  it('lists unattributed money until finance resolves it', async () => {
    const [pi] = anomaly('payment_without_metadata');
    const [tr] = anomaly('transfer_without_payout_record');
    const open = (await group('unattributed'))!;
    expect(open.items.map((i) => i.title).sort()).toEqual([
      'Payment of £47.20 without marketplace metadata',
      'Transfer of £30.00 without marketplace metadata',
    ]);
    expect(open.items.find((i) => i.id === tr)!.link).toEqual({
      kind: 'route',
      path: '/unattributed',
      params: { id: tr },
    });
    for (const id of [pi, tr])
      await t.ok('finance', 'unattributed.resolve', {
        resolution: 'not_marketplace',
        objectId: id,
        note: 'The owner’s own money',
      });
    expect(await group('unattributed')).toBeUndefined();
  });
});
