// Who may do what with payout runs (support and managers see, only finance prepares and executes, only an admin
// sets the policy; bad input changes nothing), and an idempotency error stopping a run for a person.
import { describe, expect, it } from 'vitest';
import { databaseChecksum } from '../../fixtures/core';
import { payoutsWorkspace } from './workspace';

const w = payoutsWorkspace(13, {}, { outbox: { concurrency: 1 } });

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('payout runs: roles and input', () => {
  it('support, managers and admins see runs but cannot prepare, execute or retry; only an admin sets the policy', async () => {
    const { run } = await w.call('fin', 'payouts.prepare', { date: '2026-07-17' });
    for (const who of ['sup', 'man', 'admin']) {
      expect((await w.call(who, 'payouts.preview', {})).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((await w.call(who, 'payouts.run', { runId: run.id })).run.id).toBe(run.id);
      expect(await w.call(who, 'payouts.runs', {})).toHaveLength(1);
      expect(await refusal(w.call(who, 'payouts.prepare', { date: '2026-07-17' }))).toBe('forbidden');
      expect(
        await refusal(
          w.call(who, 'payouts.execute', { runId: run.id, totalPence: run.totalPence, count: run.ready }),
        ),
      ).toBe('forbidden');
      expect(await refusal(w.call(who, 'payouts.retry', { runId: run.id }))).toBe('forbidden');
    }
    const policy = {
      minimumPence: 500,
      scheduleWeekday: 5,
      scheduleTime: '10:00',
      autoPrepare: true,
      autoExecuteLimitPence: null,
    };
    expect(await refusal(w.call('fin', 'payouts.setPolicy', policy))).toBe('forbidden');
    expect((await w.call('admin', 'payouts.setPolicy', policy)).minimumPence).toBe(500);
    await w.call('admin', 'payouts.setPolicy', { ...policy, minimumPence: 100 });
  });

  it('refuses bad input and a stale confirmation, changing nothing', async () => {
    const { run } = await w.call('fin', 'payouts.prepare', { date: '2026-07-17' });
    const before = databaseChecksum(w.c.core);
    expect(await refusal(w.call('fin', 'payouts.prepare', { date: '2026-07-16' }))).toBe('validation');
    expect(await refusal(w.call('fin', 'payouts.prepare', { date: '2026-02-30' }))).toBe('validation');
    expect(await refusal(w.call('fin', 'payouts.execute', { runId: run.id, totalPence: -1, count: 1 }))).toBe(
      'validation',
    );
    expect(
      await refusal(w.call('fin', 'payouts.execute', { runId: run.id, totalPence: 1.5, count: 1 })),
    ).toBe('validation');
    expect(
      await refusal(
        w.call('fin', 'payouts.execute', { runId: run.id, totalPence: run.totalPence + 1, count: run.ready }),
      ),
    ).toBe('conflict');
    expect(databaseChecksum(w.c.core)).toBe(before);
  });

  it('an idempotency error stops the run for a person: nothing more is sent, and retry never resends that payout', async () => {
    const { sqlite } = w.c.core.services;
    const { run } = await w.call('fin', 'payouts.prepare', { date: '2026-07-17' });
    const first = sqlite
      .prepare(
        "SELECT instructor_id FROM payout_run_items WHERE run_id = ? AND status = 'ready' ORDER BY id LIMIT 1",
      )
      .pluck()
      .get(run.id) as string;
    const account = (await w.call('fin', 'payouts.preview', { date: '2026-07-17' })).rows.find(
      (r) => r.instructor.id === first,
    )!.stripeAccountId!;
    // Someone used the payout's key for another request (a refused transfer): Stripe keeps its answer under the key.
    await expect(
      w
        .stripe()
        .transfers.create(
          { amount: 999_999_999, currency: 'gbp', destination: account },
          { idempotencyKey: `payout:${first}:2026-07-17` },
        ),
    ).rejects.toMatchObject({ code: 'balance_insufficient' });
    const executed = await w.call('fin', 'payouts.execute', {
      runId: run.id,
      totalPence: run.totalPence,
      count: run.ready,
    });
    await w.ended(executed.run.jobId);
    const detail = await w.call('fin', 'payouts.run', { runId: run.id });
    expect(detail.run.stoppedReason).toMatch(/Stopped for a person/);
    expect(detail.run.state).toBe('needs_attention');
    const stopped = detail.items.find((i) => i.instructor.id === first)!;
    expect(stopped).toMatchObject({ outcome: 'failed' });
    expect(stopped.detail).toMatch(/Do not retry/);
    expect(detail.items.filter((i) => i.outcome === 'cancelled')).toHaveLength(run.ready - 1);
    expect(w.transfersOf('2026-07-17').size).toBe(0);
    const retried = await w.call('fin', 'payouts.retry', { runId: run.id });
    await w.ended(retried.run.jobId);
    const after = await w.call('fin', 'payouts.run', { runId: run.id });
    expect(after.items.find((i) => i.instructor.id === first)!.outcome).toBe('failed');
    expect(after.items.filter((i) => i.outcome === 'paid')).toHaveLength(run.ready - 1);
    expect(w.transfersOf('2026-07-17').has(account)).toBe(false);
  });
});
