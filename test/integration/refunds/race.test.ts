// Approvals racing on one payment in separate console processes (real concurrent transactions on one SQLite file):
// the same request approved twice, and two requests of the same payment approved at once, never refund more than
// the payment has left — one approval wins, the others are refused in words, Stripe gets one refund.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runScript } from '../../faults/child-process';
import { count } from '../sync/harness';
import { refundsWorkspace } from './workspace';

const CHILD = fileURLToPath(new URL('./decide-child.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lplate-refunds-race-'));
// Registered first, so it runs after the workspace has closed.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const w = refundsWorkspace(62, { dir });
const { call } = w;

type Answer = { ok: boolean; data?: { jobId: string | null }; error?: { code: string; message: string } };

describe('approvals racing on one payment', () => {
  it('lets one of three processes approve, refunds once in Stripe, and never more than the payment has left', async () => {
    const [paymentId] = w.payments('pack');
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    const hours = quote.payment.hours;
    const a = await call('sup', 'refunds.request', {
      paymentId: paymentId!,
      hours: hours - 2,
      reason: 'requested_by_customer',
      note: 'Stopped lessons',
    });
    const b = await call('sup2', 'refunds.request', {
      paymentId: paymentId!,
      hours: 2,
      reason: 'duplicate',
      note: 'Paid twice',
    });
    // The learner is also refunded the last two hours in the Stripe Dashboard: a and b together now ask for more
    // than is left.
    const pi = quote.payment.paymentIntentId;
    await w.stripe().refunds.create({ payment_intent: pi, amount: quote.options[1]!.amountPence });
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
    const won = answers.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    for (const r of answers.filter((r) => !r.ok))
      expect(r.error?.message).toMatch(/approved already|on its way to Stripe|can be refunded now/);
    // This process holds the writer lease: it sends what the winner committed (at its next look, within seconds).
    const { sqlite } = w.c.core.services;
    const sent = () =>
      count(
        sqlite,
        "SELECT count(*) FROM stripe_requests WHERE kind = 'refund.create' AND state = 'succeeded'",
      );
    await expect.poll(sent, { timeout: 30_000 }).toBe(1);
    await w.sync();
    const inStripe = w.sim.state.refunds.items.filter((r) => r.paymentId === pi);
    const refunded = inStripe.reduce((s, r) => s + r.amount, 0);
    expect(inStripe).toHaveLength(2);
    expect(refunded).toBeLessThanOrEqual(quote.payment.paidPence);
    expect(
      count(
        sqlite,
        "SELECT ifnull(sum(hours), 0) FROM refunds WHERE payment_id = ? AND status = 'succeeded'",
        paymentId,
      ),
    ).toBeLessThanOrEqual(hours);
    // What is left can still be refunded exactly: the other request is refused at its approval, never sent.
    const loser = won[0] === answers[2] ? a.requestId : b.requestId;
    const late = await call('fin2', 'refunds.decide', { requestId: loser, decision: 'approve' }).catch(
      (e: Error) => e.message,
    );
    expect(late).toMatch(/can be refunded now|approved already|refunded in full/);
    expect(w.problems()).toEqual([]);
  }, 120_000);
});
