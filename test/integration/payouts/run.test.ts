// A Friday run end to end on a synced marketplace: the preview (owed, held with why, outside transfers counted as
// paid and flagged), prepare → execute as a job (one transfer per ready instructor with the payout key, group and
// metadata), results, the ledger, a second execution refused, and retry sending only what was not paid.
import { describe, expect, it } from 'vitest';
import { FRIDAY, payoutsWorkspace } from './workspace';

const w = payoutsWorkspace(11);

describe('a Friday payout run', () => {
  it('previews what each instructor is owed, holds the restricted one and flags the Dashboard transfer', async () => {
    const preview = await w.call('sup', 'payouts.preview', { date: FRIDAY });
    expect(preview.rows.length).toBeGreaterThan(0);
    for (const r of preview.rows)
      expect(r.owedPence).toBe(r.earningsPence - r.transferredPence - r.clawbacksPence);
    const restricted = w.sim.scenario!.anomalies.find((a) => a.kind === 'account_payouts_disabled')!;
    const held = preview.rows.find((r) => r.stripeAccountId === restricted.ids[0]);
    expect(held).toMatchObject({ status: 'held', held: { code: 'account_disabled' } });
    const outside = w.sim.scenario!.anomalies.find((a) => a.kind === 'transfer_without_payout_record')!;
    const flagged = preview.rows.find((r) => r.outsideTransfers.some((t) => t.transferId === outside.ids[0]));
    expect(flagged?.outsideTransfers[0]?.amountPence).toBe(3000);
    const ready = preview.rows.filter((r) => r.status === 'ready');
    expect(preview.totals.readyPence).toBe(ready.reduce((s, r) => s + r.owedPence, 0));
    expect(preview.balance).not.toBeNull();
    const earnings = await w.call('man', 'payouts.earnings', {
      date: FRIDAY,
      instructorId: ready[0]!.instructor.id,
    });
    expect(earnings.reduce((s, e) => s + e.owedPence, 0)).toBe(ready[0]!.owedPence);
  });

  it('executes once: one transfer per ready instructor, paid in the ledger, a second execution refused', async () => {
    const prepared = await w.call('fin', 'payouts.prepare', { date: FRIDAY });
    const { run } = prepared;
    expect(run.state).toBe('prepared');
    const executed = await w.call('fin', 'payouts.execute', {
      runId: run.id,
      totalPence: run.totalPence,
      count: run.ready,
    });
    const job = await w.ended(executed.run.jobId);
    expect(job.state, job.message).toBe('done');
    const detail = await w.call('man', 'payouts.run', { runId: run.id });
    expect(detail.run.state).toBe('done');
    const paid = detail.items.filter((i) => i.outcome === 'paid');
    expect(paid.length).toBe(run.ready);
    for (const i of paid) {
      expect(i.idempotencyKey).toBe(`payout:${i.instructor.id}:${FRIDAY}`);
      expect(w.payable(i.instructor.id)).toBe(0);
    }
    const transfers = w.transfersOf(FRIDAY);
    expect([...transfers.values()].every((n) => n === 1)).toBe(true);
    expect(transfers.size).toBe(run.ready);
    const t = w.sim.state.transfers.items.find((x) => x.transferGroup === `payout-${FRIDAY}`)!;
    expect(Object.keys(t.metadata).sort()).toEqual(
      ['lplate_instructor_id', 'lplate_payout_date', 'lplate_payout_id', 'lplate_request_id'].sort(),
    );
    await expect(
      w.call('fin', 'payouts.execute', { runId: run.id, totalPence: run.totalPence, count: run.ready }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(w.call('fin', 'payouts.retry', { runId: run.id })).rejects.toMatchObject({
      code: 'conflict',
    });
    const after = await w.call('fin', 'payouts.preview', { date: FRIDAY });
    expect(after.totals.ready).toBe(0);
    const csv = await w.call('sup', 'payouts.remittance', { payoutId: paid[0]!.payoutId });
    expect(csv.csv).toContain(paid[0]!.transferId!);
    const pdf = await w.call('fin', 'payouts.remittancePdf', { payoutId: paid[0]!.payoutId });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
