// One owed amount everywhere: an instructor paid partly by a transfer made outside the console and owing back a
// clawback Stripe refused to reverse shows the same owed on the Instructors list, its totals, its export, the Overview
// and the payout preview (earned − every transfer net of reversals − counted clawbacks).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/main/clock';
import { parseCsv, poundsToPence } from '../../fixtures/csv-read';
import { OPERATOR_PASSWORD } from '../sync/harness';
import { FRIDAY, OPERATORS, payoutsWorkspace } from './workspace';

const NEXT_FRIDAY = '2026-12-04';
const DAY = 86_400_000;

const w = payoutsWorkspace(23);
const { call } = w;
const sqlite = () => w.c.core.services.sqlite;

const runFriday = w.runFriday;

/** The Owed column of the instructors export filtered to one instructor, in pence. */
async function exportedOwed(instructorId: string): Promise<number> {
  const { jobId } = await call('sup', 'instructors.export', { q: instructorId, format: 'csv' });
  const job = await w.ended(jobId, 'sup');
  expect(job.state, job.message).toBe('done');
  const file = w.c.core.files.take(job.file!.url!.split('/').pop()!, 'sup')!;
  const [header, ...rows] = parseCsv(readFileSync(file.path, 'utf8').slice(1));
  expect(rows).toHaveLength(1);
  return poundsToPence(rows[0]![header!.indexOf('Owed (£)')]!);
}

describe('what an instructor is owed', () => {
  it('is one number on the Instructors list, its totals, its export, the Overview and the preview', async () => {
    const outside = w.sim.scenario!.anomalies.find((a) => a.kind === 'transfer_without_payout_record')!;
    const instructorId = sqlite()
      .prepare("SELECT instructor_id FROM journal_transactions WHERE kind = 'transfer' AND source_id = ?")
      .pluck()
      .get(outside.ids[0]) as string;
    expect(instructorId).toBeTruthy();
    await runFriday(FRIDAY);

    // A refund of a used hour the run paid; Stripe refuses the reversal, so it is a deduction still outstanding.
    const paymentId = sqlite()
      .prepare(
        `SELECT p.id FROM payments p WHERE p.instructor_id = ? AND p.status = 'succeeded' AND p.amount_refunded_pence = 0
           AND EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id AND e.status = 'paid')
           AND EXISTS (SELECT 1 FROM learner_credits c WHERE c.learner_id = p.learner_id AND c.instructor_id = p.instructor_id
             AND c.hours_purchased - c.hours_used - c.hours_refunded >= 2)
         ORDER BY p.created_at, p.id LIMIT 1`,
      )
      .pluck()
      .get(instructorId) as string;
    expect(paymentId).toBeTruthy();
    w.sim.control.failNextReversal();
    const { requestId, option } = await w.refundUsed(paymentId, 1); // the refund is made; its reversal is refused
    expect(option.instructorPaid).toBe(true);
    await w.sync();
    expect(
      sqlite().prepare('SELECT method, status FROM clawbacks WHERE source_ref = ?').get(requestId),
    ).toEqual({ method: 'deduction', status: 'outstanding' });

    // Two more lessons, payable next Friday; the console's clock moves to that week.
    const learnerId = sqlite().prepare('SELECT learner_id FROM payments WHERE id = ?').pluck().get(paymentId);
    await call('fin', 'completions.record', {
      id: randomUUID(),
      learnerId: learnerId as string,
      instructorId,
      hours: 2,
      completedAt: Date.parse('2026-11-23T10:00:00Z'),
      note: 'Recorded for the owed test',
    });
    await w.sync();
    (w.c.core.services.clock as ManualClock).advance(7 * DAY);
    for (const o of OPERATORS)
      // sessions last 12 hours: sign in again after the week
      await call(o.username, 'auth.signIn', { username: o.username, password: OPERATOR_PASSWORD });

    const preview = await call('fin', 'payouts.preview', {});
    expect(preview.date).toBe(NEXT_FRIDAY);
    const row = preview.rows.find((r) => r.instructor.id === instructorId)!;
    expect(row.outsideTransfers.map((t) => t.transferId)).toContain(outside.ids[0]);
    expect(row.clawbacksPence).toBeGreaterThanOrEqual(option.clawbackPence);
    expect(row.owedPence).toBeGreaterThan(0);
    expect(row.status).toBe('ready');

    // Every earning is payable by next Friday, so all-time owed is the preview's owed, for every instructor.
    const list = await call('sup', 'instructors.list', {
      page: 1,
      pageSize: 100,
      sort: { column: 'owed', direction: 'desc' },
    });
    const shown = list.rows.find((r) => r.id === instructorId)!;
    expect(shown).toMatchObject({
      earnedPence: row.earningsPence,
      paidPence: row.transferredPence,
      clawbacksPence: row.clawbacksPence,
      owedPence: row.owedPence,
      nextFriday: { date: NEXT_FRIDAY, owedPence: row.owedPence, status: 'ready' },
    });
    for (const r of list.rows)
      expect(r.owedPence, r.name).toBe(preview.rows.find((p) => p.instructor.id === r.id)?.owedPence ?? 0);
    const sorted = list.rows.map((r) => r.owedPence);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));

    const mine = await call('sup', 'instructors.totals', { q: instructorId });
    expect(mine).toMatchObject({ count: 1, owedPence: row.owedPence, clawbacksPence: row.clawbacksPence });
    const all = await call('sup', 'instructors.totals', {});
    expect(all.owedPence).toBe(preview.rows.reduce((s, r) => s + r.owedPence, 0));
    expect(await exportedOwed(instructorId)).toBe(row.owedPence);

    const overview = await call('sup', 'payouts.nextFriday', {});
    expect(overview.totals).toEqual(preview.totals);
    expect(overview.totals.readyPence).toBe(
      list.rows.filter((r) => r.nextFriday?.status === 'ready').reduce((s, r) => s + r.owedPence, 0),
    );
  });
});
