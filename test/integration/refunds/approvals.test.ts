// Refunds end to end: the request form's figures, the role and limit matrix of maker–checker, the approval sent to
// Stripe (the simulator) under `refund:{id}`, and after it the refund, the learner's credits, the journal and the
// audit trail with both operators. Also: refused input changes nothing, rejected requests never reach Stripe.
import { describe, expect, it } from 'vitest';
import { databaseChecksum } from '../../fixtures/core';
import { count } from '../sync/harness';
import { refundsWorkspace } from './workspace';

const w = refundsWorkspace(61);
const { call } = w;
const sqlite = () => w.c.core.services.sqlite;
const ask = (who: string, paymentId: string, hours = 1) =>
  call(who, 'refunds.request', {
    paymentId,
    hours,
    reason: 'requested_by_customer',
    note: 'Learner moved away',
  });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('the request form', () => {
  it('shows what the learner paid, the hours, what each number of hours refunds and the limit', async () => {
    const [paymentId] = w.payments('pack');
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    const hours = quote.payment.hours;
    expect(quote.hours).toMatchObject({ used: 0, refunded: 0, inFlight: 0, refundableNow: hours });
    expect(quote.approvalLimitPence).toBe(5000);
    expect(quote.blocked).toBeNull();
    // The shares of all hours add up to what was paid, to the penny (cumulative allocation).
    expect(quote.options.at(-1)).toMatchObject({ hours, amountPence: quote.payment.paidPence, usedHours: 0 });
    for (const o of quote.options) expect(Number.isSafeInteger(o.amountPence)).toBe(true);
  });

  it('refuses bad input with a reason on the field, and changes nothing', async () => {
    const [paymentId] = w.payments('small');
    const before = databaseChecksum(w.c.core);
    const cases = [
      { paymentId, hours: 0, reason: 'duplicate', note: 'x' },
      { paymentId, hours: 1.5, reason: 'duplicate', note: 'x' },
      { paymentId, hours: 1, reason: 'changed_mind', note: 'x' },
      { paymentId, hours: 1, reason: 'duplicate', note: '   ' },
      { paymentId: 'not-a-uuid', hours: 1, reason: 'duplicate', note: 'x' },
      { paymentId, hours: 99, reason: 'duplicate', note: 'too many' },
    ];
    for (const input of cases) {
      const r = await w.c.core.dispatcher.call('sup', 'refunds.request', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
    }
    const tooMany = await refusal(ask('sup', paymentId!, 99));
    expect(tooMany?.message).toMatch(/Only \d+ of the payment’s \d+ h can be refunded now/);
    expect(databaseChecksum(w.c.core)).toBe(before);
  });
});

describe('who may approve', () => {
  it('lets support approve at or below the limit, even their own request', async () => {
    const [paymentId] = w.payments('small');
    const { requestId, amountPence, aboveLimit } = await ask('sup', paymentId!);
    expect(aboveLimit).toBe(false);
    expect(amountPence).toBeLessThanOrEqual(5000);
    const row = await w.row(requestId, 'sup');
    expect(row.decision).toEqual({ approve: null, reject: null });
    const awaiting = async () =>
      (await call('sup', 'overview.attention', {})).find((g) => g.kind === 'refunds_awaiting_decision');
    expect((await awaiting())?.items.map((i) => i.id)).toContain(requestId);
    const decided = await call('sup', 'refunds.decide', { requestId, decision: 'approve', note: 'ok' });
    expect((await w.ended(decided.jobId, 'sup')).state).toBe('done');
    expect((await w.row(requestId)).status).toBe('succeeded');
    expect((await awaiting())?.items.map((i) => i.id) ?? []).not.toContain(requestId);
  });

  it('above the limit: support cannot approve, nor the requester, only another person in finance or a manager', async () => {
    const [paymentId] = w.payments('pack');
    const { requestId, aboveLimit } = await ask('fin', paymentId!, 3);
    expect(aboveLimit).toBe(true);
    const before = databaseChecksum(w.c.core);
    for (const who of ['sup', 'sup2', 'fin']) {
      const r = await refusal(call(who, 'refunds.decide', { requestId, decision: 'approve' }));
      expect(r?.code, who).toBe('forbidden');
    }
    expect(await refusal(call('sup', 'refunds.decide', { requestId, decision: 'approve' }))).toMatchObject({
      message: expect.stringMatching(/above the approval limit of £50\.00: someone in finance or a manager/),
    });
    expect(await refusal(call('fin', 'refunds.decide', { requestId, decision: 'approve' }))).toMatchObject({
      message: expect.stringMatching(/you asked for it, so another person in finance or a manager/),
    });
    expect((await w.row(requestId, 'fin')).decision?.approve).toMatch(/you asked for it/);
    expect((await w.row(requestId, 'fin2')).decision?.approve).toBeNull();
    const admin = await w.c.core.dispatcher.call('admin', 'refunds.decide', {
      requestId,
      decision: 'approve',
    });
    expect(admin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(databaseChecksum(w.c.core)).toBe(before);
    const decided = await call('man', 'refunds.decide', { requestId, decision: 'approve' });
    expect((await w.ended(decided.jobId)).state).toBe('done');
    expect(await w.row(requestId)).toMatchObject({
      status: 'succeeded',
      requestedBy: { name: 'Fin Ance' },
      decidedBy: { name: 'Mandy Ager' },
    });
  });

  it('lets the requester withdraw their own request, and support reject only at or below the limit', async () => {
    const [big] = w.payments('pack');
    const mine = await ask('sup', big!, 3);
    const byOther = await refusal(
      call('sup2', 'refunds.decide', { requestId: mine.requestId, decision: 'reject', note: 'no' }),
    );
    expect(byOther?.code).toBe('forbidden');
    await call('sup', 'refunds.decide', {
      requestId: mine.requestId,
      decision: 'reject',
      note: 'Asked by mistake',
    });
    expect(await w.row(mine.requestId)).toMatchObject({
      status: 'rejected',
      decisionNote: 'Asked by mistake',
    });
    const again = await refusal(
      call('fin2', 'refunds.decide', { requestId: mine.requestId, decision: 'approve' }),
    );
    expect(again).toMatchObject({ code: 'conflict', message: expect.stringMatching(/was rejected already/) });
    expect(count(sqlite(), 'SELECT count(*) FROM stripe_requests WHERE intent_id = ?', mine.requestId)).toBe(
      0,
    );
  });
});

describe('an approved refund', () => {
  it('reaches Stripe once under refund:{id}, drops the credits and the liability, journals it, audits both operators', async () => {
    const [paymentId] = w.payments('pack');
    const quote = await call('sup', 'refunds.quote', { paymentId: paymentId! });
    const creditsBefore = w.credits(paymentId!);
    const { requestId, amountPence } = await ask('sup', paymentId!, 2);
    expect(amountPence).toBe(quote.options[1]!.amountPence);
    const decided = await call('fin', 'refunds.decide', {
      requestId,
      decision: 'approve',
      note: 'Checked with the instructor',
      expectedAmountPence: amountPence,
    });
    expect((await w.ended(decided.jobId)).state).toBe('done');
    const write = sqlite()
      .prepare('SELECT idempotency_key, stripe_object_id, state FROM stripe_requests WHERE intent_id = ?')
      .get(requestId) as { idempotency_key: string; stripe_object_id: string; state: string };
    expect(write).toMatchObject({ idempotency_key: `refund:${requestId}`, state: 'succeeded' });
    const inStripe = w.sim.state.refunds.items.filter(
      (r) => r.metadata.lplate_refund_request_id === requestId,
    );
    expect(inStripe.map((r) => [r.id, r.amount, r.metadata.lplate_refund_hours])).toEqual([
      [write.stripe_object_id, amountPence, '2'],
    ]);
    expect(await w.row(requestId)).toMatchObject({
      status: 'succeeded',
      stripeRefundId: write.stripe_object_id,
      origin: 'request',
      problem: null,
    });
    const after = w.credits(paymentId!);
    expect(after.refunded).toBe(creditsBefore.refunded + 2);
    expect(after.liability).toBeLessThan(creditsBefore.liability);
    expect(
      count(
        sqlite(),
        "SELECT count(*) FROM journal_transactions WHERE kind = 'refund' AND source_id = ?",
        write.stripe_object_id,
      ),
    ).toBe(1);
    expect(w.problems()).toEqual([]);
    const trail = await call('fin', 'audit.list', { entityType: 'refund', q: requestId });
    expect(trail.rows.map((e) => [e.action, e.operatorName])).toEqual([
      ['approved', 'Fin Ance'],
      ['requested', 'Sue Port'],
    ]);
    // The same again after sync: nothing changes, the refund stays linked and counted once.
    await w.sync();
    expect(await w.row(requestId)).toMatchObject({
      status: 'succeeded',
      stripeRefundId: write.stripe_object_id,
    });
    expect(w.credits(paymentId!)).toEqual(after);
  });

  it('shows a refund made in the Stripe Dashboard as external, on its payment', async () => {
    const [paymentId] = w.payments('small');
    const pi = w.pi(paymentId!);
    const dashboard = await w.stripe().refunds.create({ payment_intent: pi, amount: 100 });
    await w.sync();
    const rows = (await call('sup', 'refunds.list', { paymentId: paymentId! })).rows;
    expect(rows).toEqual([
      expect.objectContaining({
        origin: 'external',
        stripeRefundId: dashboard.id,
        amountPence: 100,
        requestedBy: null,
      }),
    ]);
  });
});
