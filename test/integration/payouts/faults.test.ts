// Stripe faults during a run, injected in the simulator: a transfer refused for balance fails that instructor while
// the rest are paid (retry pays it once, under a new key of the payout); a connection dropped after Stripe made the
// transfer is resent with the same key and records the one transfer; an account restricted in Stripe is held.
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../src/shared/contract/payouts';
import { payoutsWorkspace } from './workspace';

const w = payoutsWorkspace(12);

async function execute(date: string): Promise<RunDetail> {
  const { run } = await w.call('fin', 'payouts.prepare', { date });
  const executed = await w.call('fin', 'payouts.execute', {
    runId: run.id,
    totalPence: run.totalPence,
    count: run.ready,
  });
  await w.ended(executed.run.jobId);
  return w.call('fin', 'payouts.run', { runId: run.id });
}

const oncePerAccount = (date: string) => [...w.transfersOf(date).values()].every((n) => n === 1);

describe('Stripe faults during a payout run', () => {
  it('balance_insufficient fails that instructor, the rest are paid, and retry pays it once', async () => {
    w.sim.control.failNextTransfer();
    const detail = await execute('2026-07-17');
    const failed = detail.items.filter((i) => i.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.detail).toMatch(/available balance was lower than .*then Retry/);
    expect(detail.items.filter((i) => i.outcome === 'paid').length).toBe(detail.run.ready - 1);
    expect(detail.run.state).toBe('needs_attention');
    const retried = await w.call('fin', 'payouts.retry', { runId: detail.run.id });
    await w.ended(retried.run.jobId);
    const after = await w.call('fin', 'payouts.run', { runId: detail.run.id });
    const again = after.items.find((i) => i.payoutId === failed[0]!.payoutId)!;
    expect(again).toMatchObject({ outcome: 'paid', attempts: 2 });
    expect(again.idempotencyKey).toBe(`payout:${again.instructor.id}:2026-07-17:retry-2`);
    expect(after.run.state).toBe('done');
    expect(oncePerAccount('2026-07-17')).toBe(true);
    await expect(w.call('fin', 'payouts.retry', { runId: detail.run.id })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('a connection dropped after Stripe made the transfer is resent with its key: one transfer each', async () => {
    const { sqlite } = w.c.core.services;
    const { run } = await w.call('fin', 'payouts.prepare', { date: '2026-07-24' });
    w.sim.control.setFaults({ routes: { 'POST /v1/transfers': { dropAfter: 1 } } });
    const executed = await w.call('fin', 'payouts.execute', {
      runId: run.id,
      totalPence: run.totalPence,
      count: run.ready,
    });
    const dropped = () =>
      sqlite
        .prepare(
          "SELECT count(*) FROM stripe_requests WHERE job_id = ? AND state = 'unknown' AND maybe_applied = 1",
        )
        .pluck()
        .get(executed.run.jobId) as number;
    await expect.poll(dropped, { timeout: 30_000 }).toBe(run.ready);
    expect(w.transfersOf('2026-07-24').size).toBe(run.ready);
    w.sim.control.clearFaults();
    await w.ended(executed.run.jobId);
    const detail = await w.call('fin', 'payouts.run', { runId: run.id });
    expect(detail.items.filter((i) => i.status === 'ready').every((i) => i.outcome === 'paid')).toBe(true);
    expect(oncePerAccount('2026-07-24')).toBe(true);
    const replayed = sqlite
      .prepare(
        `SELECT count(*) FROM audit_logs WHERE entity_type = 'stripe_request' AND action = 'succeeded'
           AND json_extract(new_values, '$.replayed') = 1 AND entity_id IN (SELECT request_id FROM payout_run_items WHERE run_id = ?)`,
      )
      .pluck()
      .get(run.id) as number;
    expect(replayed).toBe(run.ready);
    for (const i of detail.items.filter((x) => x.outcome === 'paid'))
      expect(i.idempotencyKey).toBe(`payout:${i.instructor.id}:2026-07-24`);
  });

  it('an account Stripe restricted since the last sync is held, not failed, and its earnings stay owed', async () => {
    const preview = await w.call('fin', 'payouts.preview', { date: '2026-07-31' });
    const victim = preview.rows.find((r) => r.status === 'ready')!;
    w.sim.control.restrictAccount(victim.stripeAccountId!);
    const detail = await execute('2026-07-31');
    const item = detail.items.find((i) => i.instructor.id === victim.instructor.id)!;
    expect(item).toMatchObject({ status: 'ready', outcome: 'held', transferId: null });
    expect(item.detail).toMatch(/cannot receive transfers/);
    expect(detail.run.failed).toBe(0);
    const owed = await w.call('fin', 'payouts.earnings', {
      date: '2026-07-31',
      instructorId: victim.instructor.id,
    });
    expect(owed.reduce((s, e) => s + e.owedPence, 0)).toBe(victim.owedPence);
  });
});
