// A remittance statement read back after its transfer was partly reversed (a refund of a used hour clawed back):
// it still lists every lesson the transfer paid, the amount it sent, and the reversal on a line of its own with what
// the instructor kept — in the CSV and in the printed PDF.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatPence } from '../../../src/shared/money';
import { parseCsv, poundsToPence } from '../../fixtures/csv-read';
import { pdfText } from '../../fixtures/pdf-read';
import { FRIDAY, payoutsWorkspace } from './workspace';

const w = payoutsWorkspace(71);
const { call } = w;
const sqlite = () => w.c.core.services.sqlite;
const dir = mkdtempSync(join(tmpdir(), 'lplate-remittance-reversal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function statementCsv(payoutId: string) {
  const [header, ...rows] = parseCsv(
    (await call('fin', 'payouts.remittance', { payoutId })).csv.replace(/^\uFEFF/, ''),
  );
  const col = (name: string) => header!.indexOf(name);
  const lessons = rows.filter(
    (r) => r[col('lesson_date')] !== '' && !r[col('learner')]!.startsWith('Reversal'),
  );
  const line = (label: string) => rows.find((r) => r[col('learner')]!.startsWith(label));
  // A leading ' is how the CSV defuses a cell that starts like a formula (a negative amount).
  const amount = (r: string[]) => poundsToPence(r[col('amount_gbp')]!.replace(/^'/, ''));
  return { rows, col, lessons, line, amount };
}

describe('a statement after a transfer reversal', () => {
  it('keeps the lessons the transfer paid and shows the reversal as its own line', async () => {
    const detail = await w.runFriday(FRIDAY);

    // A payment the run paid in full, whose pair still has unused hours: one used hour of it is refunded.
    const payment = sqlite()
      .prepare(
        `SELECT p.id, p.instructor_id AS instructorId FROM payments p
         JOIN stripe_connect_accounts a ON a.instructor_id = p.instructor_id AND a.payouts_enabled = 1
         JOIN learner_credits c ON c.learner_id = p.learner_id AND c.instructor_id = p.instructor_id
           AND c.hours_purchased - c.hours_used - c.hours_refunded >= 1
         WHERE p.status = 'succeeded' AND p.amount_refunded_pence = 0
           AND EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id AND e.status <> 'paid')
         ORDER BY p.created_at, p.id LIMIT 1`,
      )
      .get() as { id: string; instructorId: string };
    const item = detail.items.find((i) => i.instructor.id === payment.instructorId)!;
    expect(item.outcome).toBe('paid');
    const before = await statementCsv(item.payoutId);
    const sent = before.amount(before.line('Total transferred')!);
    expect(before.lessons.reduce((s, r) => s + before.amount(r), 0)).toBe(sent);

    const { requestId, option, job } = await w.refundUsed(payment.id, 1);
    expect(option.instructorPaid).toBe(true);
    expect(job.state).toBe('done');
    await w.sync();
    const claw = sqlite()
      .prepare(
        'SELECT id, reason, method, status, stripe_transfer_id AS transferId FROM clawbacks WHERE source_ref = ?',
      )
      .get(requestId) as { id: string; reason: string; method: string; status: string; transferId: string };
    expect(claw).toMatchObject({ method: 'reversal', status: 'recovered' });
    const reversal = w.sim.state.reversals.items.find((r) => r.metadata.lplate_clawback_id === claw.id)!;
    expect(reversal.transferId).toBe(claw.transferId);
    expect(reversal.amount).toBe(option.clawbackPence);
    expect(reversal.amount).toBeLessThan(sent);

    // The CSV: the same lessons and amount sent; the reversal on its own line; what the instructor kept.
    const after = await statementCsv(item.payoutId);
    expect(after.lessons).toEqual(before.lessons);
    expect(after.amount(after.line('Total transferred')!)).toBe(sent);
    const reversed = after.line(`Reversal ${reversal.id} of this transfer: ${claw.reason}`)!;
    expect(reversed).toBeDefined();
    expect(after.amount(reversed)).toBe(-option.clawbackPence);
    expect(after.amount(after.line('Kept after reversals')!)).toBe(sent - option.clawbackPence);

    // The PDF says the same in words.
    const pdf = await call('fin', 'payouts.remittancePdf', { payoutId: item.payoutId });
    const file = join(dir, pdf.filename);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = pdfText(file).replace(/\s+/g, ' ');
    // A lesson paid in part (the rest by an earlier settlement) is marked so; the PDF wraps that cell, so names only.
    for (const l of after.lessons)
      expect(text).toContain(l[after.col('learner')]!.replace(/ \(part: .*$/, ''));
    expect(text).toContain(`Reversed on`);
    expect(text).toContain(`(${reversal.id}), taken back from`);
    expect(text).toContain(claw.reason);
    expect(text).toContain(`−${formatPence(option.clawbackPence)}`);
    expect(text).toContain(`Kept after reversals ${formatPence(sent - option.clawbackPence)}`);
    expect(text).toContain(`Transferred ${formatPence(sent)}`);
  });
});
