// Refunds asked for by amount (DOMAIN.md §6 with whole-hour credits): the amount takes back, from the back, the
// fewest hours whose paid share covers it; Stripe refunds exactly the amount; those hours leave the learner's credits
// and the prepaid liability, and the platform keeps the rest of their share as fee revenue. The role and limit matrix
// holds for amounts, over-refunds are refused in words, and amounts approved at once in separate processes never
// refund more than is left.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseChecksum } from '../../fixtures/core';
import { runScript } from '../../faults/child-process';
import { count } from '../sync/harness';
import { refundsWorkspace } from './workspace';

const CHILD = fileURLToPath(new URL('./decide-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lplate-refund-amounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const w = refundsWorkspace(64, { dir });
const { call } = w;
const sqlite = () => w.c.core.services.sqlite;
const askAmount = (who: string, paymentId: string, amount: string) =>
  call(who, 'refunds.request', {
    paymentId,
    amount,
    reason: 'requested_by_customer',
    note: 'Partly refunded',
  });
const failure = async (who: string, method: 'refunds.request' | 'refunds.decide', input: unknown) => {
  const r = await w.c.core.dispatcher.call(who, method, input);
  expect(r.ok).toBe(false);
  return (r as { error: { code: string; message: string } }).error;
};
/** Pence as the text a person types (`8000` → `80.00`). */
const typed = (pence: number) => `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

describe('a refund of an amount', () => {
  it('takes the fewest whole hours that cover it; Stripe refunds the amount; credits, liability and journal agree', async () => {
    const [paymentId] = w.payments('pack');
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    const [one, two] = quote.options;
    // A penny more than one hour's share: two hours go back, the learner gets exactly the amount.
    const amount = one!.amountPence + 1;
    const before = w.credits(paymentId!);
    const asked = await askAmount('sup', paymentId!, `£${typed(amount)}`);
    expect(asked.amountPence).toBe(amount);
    const row = await w.row(asked.requestId);
    expect(row).toMatchObject({ hours: 2, amountPence: amount, status: 'requested' });
    const { jobId } = await call('fin', 'refunds.decide', {
      requestId: asked.requestId,
      decision: 'approve',
      expectedAmountPence: amount,
    });
    expect((await w.ended(jobId, 'fin')).state).toBe('done');
    await w.sync();
    expect((await w.row(asked.requestId)).status).toBe('succeeded');
    const inStripe = w.sim.state.refunds.items.filter((r) => r.paymentId === quote.payment.paymentIntentId);
    expect(inStripe.map((r) => r.amount)).toEqual([amount]);
    const after = w.credits(paymentId!);
    expect(after.refunded).toBe(before.refunded + 2);
    // The platform keeps the rest of the two hours' share.
    const kept = sqlite()
      .prepare(
        `SELECT sum(l.amount_pence) FROM journal_lines l JOIN journal_transactions t ON t.id = l.transaction_id
         WHERE t.kind = 'refund' AND t.payment_id = ? AND l.account = 'platform_fee_revenue'`,
      )
      .pluck()
      .get(paymentId) as number;
    expect(kept).toBe(-(two!.amountPence - amount));
    expect(w.problems()).toEqual([]);
    // What is left is still refundable by hours, to the penny of what the payment has left.
    const rest = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    expect(rest.hours.refundableNow).toBe(quote.payment.hours - 2);
    expect(rest.options.at(-1)!.amountPence).toBeLessThanOrEqual(quote.payment.paidPence - amount);
  });

  it('refuses bad amounts in words that say what to change, and changes nothing', async () => {
    const [paymentId] = w.payments('pack');
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    const before = databaseChecksum(w.c.core);
    const base = { paymentId, reason: 'duplicate', note: 'x' };
    expect((await failure('sup', 'refunds.request', { ...base, amount: '0' })).message).toMatch(
      /more than £0\.00/,
    );
    expect((await failure('sup', 'refunds.request', { ...base, amount: '-5' })).message).toMatch(
      /more than £0\.00/,
    );
    expect((await failure('sup', 'refunds.request', { ...base, amount: 'eighty' })).message).toMatch(
      /amount in pounds, like 80\.00/,
    );
    expect((await failure('sup', 'refunds.request', { ...base, amount: '1.234' })).message).toMatch(
      /amount in pounds/,
    );
    expect((await failure('sup', 'refunds.request', { ...base, hours: 1, amount: '10' })).message).toMatch(
      /either the hours to refund or an amount, not both/,
    );
    expect((await failure('sup', 'refunds.request', base)).message).toMatch(/either the hours/);
    const over = await failure('sup', 'refunds.request', {
      ...base,
      amount: typed(quote.payment.paidPence + 1),
    });
    expect(over.message).toMatch(
      new RegExp(`At most £[\\d,]+\\.\\d\\d can be refunded now \\(${quote.payment.hours} h of the payment`),
    );
    expect(databaseChecksum(w.c.core)).toBe(before);
  });

  it('keeps the role and limit matrix: support approves at or below the limit, a second checker above it', async () => {
    const [small, big] = w.payments('pack');
    const low = await askAmount('sup', small!, '10.00');
    expect(low.aboveLimit).toBe(false);
    const mine = await call('sup', 'refunds.decide', { requestId: low.requestId, decision: 'approve' });
    expect((await w.ended(mine.jobId, 'sup')).state).toBe('done');
    const high = await askAmount('fin', big!, '80');
    expect(high.aboveLimit).toBe(true);
    expect(
      (await failure('sup', 'refunds.decide', { requestId: high.requestId, decision: 'approve' })).message,
    ).toMatch(/£80\.00 is above the approval limit of £50\.00: someone in finance/);
    expect(
      (await failure('fin', 'refunds.decide', { requestId: high.requestId, decision: 'approve' })).message,
    ).toMatch(/you asked for it, so another person/);
    const checked = await call('fin2', 'refunds.decide', { requestId: high.requestId, decision: 'approve' });
    expect((await w.ended(checked.jobId, 'fin2')).state).toBe('done');
    await w.sync();
    expect((await w.row(high.requestId)).status).toBe('succeeded');
    expect(w.problems()).toEqual([]);
  });

  it('refuses support an amount that reaches into hours used in lessons; finance may ask for it', async () => {
    const [pack] = w.payments('pack');
    const pair = sqlite()
      .prepare('SELECT learner_id, instructor_id FROM payments WHERE id = ?')
      .get(pack) as {
      learner_id: string;
      instructor_id: string;
    };
    const completionId = randomUUID();
    await call('fin', 'completions.record', {
      id: completionId,
      learnerId: pair.learner_id,
      instructorId: pair.instructor_id,
      hours: 1,
      completedAt: Date.parse('2026-11-23T10:00:00Z'),
      note: 'A lesson for the amount tests',
    });
    await w.sync();
    // The lesson took the pair's oldest unused hour: its payment now has a used hour.
    const paymentId = sqlite()
      .prepare('SELECT payment_id FROM earnings WHERE completion_id = ?')
      .pluck()
      .get(completionId) as string | undefined;
    if (!paymentId) return expect.fail('the scenario has no payment with a lesson used');
    const bySupport = await call('sup', 'refunds.quote', { paymentId });
    const unusedMax = bySupport.options.at(-1)?.amountPence ?? 0;
    const refused = await failure('sup', 'refunds.request', {
      paymentId,
      amount: typed(unusedMax + 1),
      reason: 'duplicate',
      note: 'x',
    });
    expect(refused.message).toMatch(/hours already used in lessons, which needs finance or a manager/);
    const byFinance = await askAmount('fin', paymentId, typed(unusedMax + 1));
    const row = await w.row(byFinance.requestId);
    expect(row.usedHours).toBe(1);
    await call('fin', 'refunds.decide', {
      requestId: byFinance.requestId,
      decision: 'reject',
      note: 'Not now',
    });
  });
});

type Answer = { ok: boolean; error?: { message: string } };

describe('amounts approved at once', () => {
  it('never refund more than the payment has left, in separate processes', async () => {
    const [paymentId] = w.payments('pack');
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    const all = quote.payment.paidPence;
    // Two requests each for more than half of what was paid: both cannot be refunded.
    const half = typed(Math.floor(all / 2) + 100);
    const a = await askAmount('sup', paymentId!, half);
    // The second request counts the first as taken: it asks for the rest at most.
    const tooMuch = await failure('sup2', 'refunds.request', {
      paymentId,
      amount: half,
      reason: 'duplicate',
      note: 'x',
    });
    expect(tooMuch.message).toMatch(/already asked for in a request awaiting a decision/);
    // The learner is refunded an hour in the Stripe Dashboard meanwhile, then a second request asks for a quarter.
    const b = await askAmount('sup2', paymentId!, typed(Math.floor(all / 4)));
    await w.stripe().refunds.create({
      payment_intent: quote.payment.paymentIntentId,
      amount: quote.options[0]!.amountPence,
    });
    await w.sync();
    const startAt = Date.now() + 4_000;
    const desks: [string, string][] = [
      ['fin', a.requestId],
      ['fin2', a.requestId],
      ['man', b.requestId],
    ];
    const answers = await Promise.all(
      desks.map(async ([username, requestId]) => {
        const run = await runScript<Answer>(CHILD, {
          LPLATE_REFUND_ARGS: JSON.stringify({ dir, port: w.sim.port, username, requestId, startAt }),
        });
        if (!run.out) throw new Error(run.stderr);
        return run.out;
      }),
    );
    expect(answers.filter((r) => r.ok)).toHaveLength(1);
    for (const r of answers.filter((r) => !r.ok))
      expect(r.error?.message).toMatch(/approved already|on its way to Stripe|now takes|can be refunded now/);
    const sent = () =>
      count(
        sqlite(),
        "SELECT count(*) FROM stripe_requests WHERE kind = 'refund.create' AND state = 'succeeded'",
      );
    await expect.poll(sent, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await w.sync();
    const inStripe = w.sim.state.refunds.items.filter((r) => r.paymentId === quote.payment.paymentIntentId);
    expect(inStripe.reduce((s, r) => s + r.amount, 0)).toBeLessThanOrEqual(all);
    expect(
      count(
        sqlite(),
        "SELECT ifnull(sum(hours), 0) FROM refunds WHERE payment_id = ? AND status = 'succeeded'",
        paymentId,
      ),
    ).toBeLessThanOrEqual(quote.payment.hours);
    expect(w.problems()).toEqual([]);
  }, 120_000);
});
