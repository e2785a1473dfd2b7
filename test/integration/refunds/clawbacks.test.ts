// Clawbacks: refunding hours already used in lessons (finance or a manager) takes the instructor's share back — a
// transfer reversal when a Friday run had paid it, a cancelled earning when not, a deduction from the next run (its
// preview and the instructor's statement) when Stripe refuses the reversal — and a lost dispute clawed back does the
// same. The journal's invariants hold after every path, a won dispute included.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { databaseChecksum } from '../../fixtures/core';
import { count, ledgerProblems } from '../sync/harness';
import { FRIDAY, payoutsWorkspace } from '../payouts/workspace';

const NEXT_FRIDAY = '2026-12-04';
/** A lesson on this day is payable on NEXT_FRIDAY (and not on FRIDAY). */
const MONDAY = Date.parse('2026-11-23T10:00:00Z');

const w = payoutsWorkspace(71);
const { call } = w;
const sqlite = () => w.c.core.services.sqlite;
const problems = () => ledgerProblems(sqlite(), w.sim);
const row = async (requestId: string) =>
  (await call('fin', 'refunds.list', { q: requestId })).rows.find((r) => r.id === requestId)!;

async function runFriday(date: string) {
  const { run } = await call('fin', 'payouts.prepare', { date });
  const executed = await call('fin', 'payouts.execute', {
    runId: run.id,
    totalPence: run.totalPence,
    count: run.ready,
  });
  if (executed.run.jobId) expect((await w.ended(executed.run.jobId)).state).toBe('done');
  await w.sync();
  return call('man', 'payouts.run', { runId: run.id });
}

/** The reversal test's instructor and reversed transfer: its next statement shows the reversal. */
let reversed: { instructorId: string; transferId: string } | null = null;

/** Payments a test has used already (refunded or disputed). */
const taken = new Set<string>();

/** Payments whose every lesson was paid by a Friday run, on instructors whose account takes transfers. */
function paidPayments(): { id: string; instructorId: string; learnerId: string }[] {
  return sqlite()
    .prepare(
      `SELECT p.id, p.instructor_id AS instructorId, p.learner_id AS learnerId FROM payments p
       JOIN stripe_connect_accounts a ON a.instructor_id = p.instructor_id AND a.payouts_enabled = 1
       WHERE p.status = 'succeeded' AND p.amount_refunded_pence = 0
         AND EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id)
         AND NOT EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id AND e.status <> 'paid')
         AND NOT EXISTS (SELECT 1 FROM refund_requests r WHERE r.payment_id = p.id)
       ORDER BY p.created_at, p.id`,
    )
    .all()
    .filter((p) => !taken.has((p as { id: string }).id)) as {
    id: string;
    instructorId: string;
    learnerId: string;
  }[];
}

/** Finance asks for every unused hour and `used` used ones; a manager approves. */
async function refundUsed(paymentId: string, used: number) {
  taken.add(paymentId);
  const quote = await call('fin', 'refunds.quote', { paymentId });
  const option = quote.options.find((o) => o.usedHours === used)!;
  const { requestId } = await call('fin', 'refunds.request', {
    paymentId,
    hours: option.hours,
    reason: 'requested_by_customer',
    note: 'Lesson not as booked',
  });
  const decided = await call('man', 'refunds.decide', { requestId, decision: 'approve', note: 'ok' });
  const job = await w.ended(decided.jobId, 'man');
  return { requestId, option, quote, job };
}

const clawbacksOf = (sourceRef: string) =>
  sqlite().prepare('SELECT * FROM clawbacks WHERE source_ref = ? ORDER BY created_at, id').all(sourceRef) as {
    id: string;
    instructor_id: string;
    amount_pence: number;
    status: string;
    method: string;
    stripe_transfer_id: string | null;
    payout_id: string | null;
  }[];

/** A lesson recorded by hand on MONDAY: it takes the pair's next unused hour (payable NEXT_FRIDAY). */
async function lesson(learnerId: string, instructorId: string, hours = 1) {
  await call('fin', 'completions.record', {
    id: randomUUID(),
    learnerId,
    instructorId,
    hours,
    completedAt: MONDAY,
    note: 'Recorded for the clawback tests',
  });
}

/** A pair with unused hours of `instructorId` (another payment than `except`). */
function pairWithUnused(instructorId: string) {
  return sqlite()
    .prepare(
      `SELECT learner_id AS learnerId FROM learner_credits
       WHERE instructor_id = ? AND hours_purchased - hours_used - hours_refunded >= 2 ORDER BY learner_id LIMIT 1`,
    )
    .get(instructorId) as { learnerId: string } | undefined;
}

describe('refunding used hours', () => {
  it('is finance’s or a manager’s: support neither asks for nor approves it, and bad input changes nothing', async () => {
    await runFriday(FRIDAY);
    const [p] = paidPayments();
    const bySupport = await call('sup', 'refunds.quote', { paymentId: p!.id });
    expect(bySupport.hours.usedRefundable).toBe(0);
    expect(bySupport.options.every((o) => o.usedHours === 0)).toBe(true);
    const byFinance = await call('fin', 'refunds.quote', { paymentId: p!.id });
    expect(byFinance.hours.usedRefundable).toBe(byFinance.hours.used);
    const first = byFinance.options.find((o) => o.usedHours === 1)!;
    expect(first).toMatchObject({ instructorPaid: true });
    expect(first.clawbackPence).toBeGreaterThan(0);
    const before = databaseChecksum(w.c.core);
    const refused = await w.c.core.dispatcher.call('sup', 'refunds.request', {
      paymentId: p!.id,
      hours: first.hours,
      reason: 'duplicate',
      note: 'x',
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/needs finance or a manager/) },
    });
    const tooMany = await w.c.core.dispatcher.call('fin', 'refunds.request', {
      paymentId: p!.id,
      hours: byFinance.options.length + 1,
      reason: 'duplicate',
      note: 'x',
    });
    expect(tooMany).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/can also be refunded/) },
    });
    expect(databaseChecksum(w.c.core)).toBe(before);
    // Finance asks; support may not approve it, whatever the amount.
    const { requestId } = await call('fin', 'refunds.request', {
      paymentId: p!.id,
      hours: first.hours,
      reason: 'duplicate',
      note: 'Charged twice',
    });
    const bySup = await w.c.core.dispatcher.call('sup', 'refunds.decide', { requestId, decision: 'approve' });
    expect(bySup).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/used in lessons: finance or a manager/) },
    });
    await call('fin', 'refunds.decide', { requestId, decision: 'reject', note: 'Asked by mistake' });
  });

  it('reverses the instructor’s transfer when the run had paid them, under the clawback’s key', async () => {
    const p = paidPayments().find((x) => pairWithUnused(x.instructorId));
    const { requestId, option, job } = await refundUsed(p!.id, 1);
    expect(job.state, job.message).toBe('done');
    await w.sync();
    expect((await row(requestId)).status).toBe('succeeded');
    expect((await row(requestId)).usedHours).toBe(1);
    const [claw] = clawbacksOf(requestId);
    expect(claw).toMatchObject({
      method: 'reversal',
      status: 'recovered',
      amount_pence: option.clawbackPence,
    });
    const reversal = w.sim.state.reversals.items.find((r) => r.metadata.lplate_clawback_id === claw!.id)!;
    expect(reversal.amount).toBe(option.clawbackPence);
    expect(reversal.transferId).toBe(claw!.stripe_transfer_id);
    const key = sqlite()
      .prepare("SELECT idempotency_key FROM stripe_requests WHERE intent_type = 'clawback' AND intent_id = ?")
      .pluck()
      .get(claw!.id);
    expect(key).toBe(`clawback:${claw!.id}`);
    reversed = { instructorId: p!.instructorId, transferId: claw!.stripe_transfer_id! };
    expect(
      count(sqlite(), 'SELECT count(*) FROM journal_transactions WHERE id = ?', `reversal:${reversal.id}`),
    ).toBe(1);
    expect(
      w.payable(p!.instructorId) +
        (await call('fin', 'payouts.preview', { date: FRIDAY })).rows
          .filter((r) => r.instructor.id === p!.instructorId)
          .reduce((s, r) => s + r.owedPence, 0),
    ).toBe(0);
    expect(problems()).toEqual([]);
    // Lessons after the run: the instructor is owed on the next Friday.
    await lesson(pairWithUnused(p!.instructorId)!.learnerId, p!.instructorId, 2);
    await w.sync();
  });

  it('cancels the earning the instructor was not paid yet', async () => {
    const [p] = paidPayments();
    const pair = pairWithUnused(p!.instructorId);
    expect(pair).toBeDefined();
    await lesson(pair!.learnerId, p!.instructorId);
    await w.sync();
    const owedBefore = (await call('fin', 'payouts.preview', { date: NEXT_FRIDAY })).rows.find(
      (r) => r.instructor.id === p!.instructorId,
    )!;
    const paymentId = sqlite()
      .prepare(
        `SELECT e.payment_id FROM earnings e JOIN lesson_completions c ON c.id = e.completion_id
         WHERE c.learner_id = ? AND e.instructor_id = ? AND e.status = 'owed' ORDER BY c.completed_at DESC LIMIT 1`,
      )
      .pluck()
      .get(pair!.learnerId, p!.instructorId) as string;
    const { requestId, option, job } = await refundUsed(paymentId, 1);
    expect(job.state, job.message).toBe('done');
    expect(option.instructorPaid).toBe(false);
    await w.sync();
    expect(clawbacksOf(requestId)).toMatchObject([
      { method: 'cancelled', status: 'recovered', amount_pence: option.clawbackPence },
    ]);
    const after = (await call('fin', 'payouts.preview', { date: NEXT_FRIDAY })).rows.find(
      (r) => r.instructor.id === p!.instructorId,
    )!;
    // A preview lists no instructor owed nothing.
    expect(after?.owedPence ?? 0).toBe(owedBefore.owedPence - option.clawbackPence);
    expect(problems()).toEqual([]);
  });

  it('deducts a reversal Stripe refuses from the next run: in its preview and on the instructor’s statement', async () => {
    const p = paidPayments().find((x) => pairWithUnused(x.instructorId))!;
    w.sim.control.failNextReversal();
    const { requestId, option } = await refundUsed(p.id, 1);
    await w.sync();
    const [claw] = clawbacksOf(requestId);
    expect(claw).toMatchObject({ method: 'deduction', status: 'outstanding', payout_id: null });
    const audit = await call('fin', 'audit.list', { entityType: 'clawback', q: claw!.id });
    expect(audit.rows.map((e) => e.action)).toContain('reversal_refused');
    expect(problems()).toEqual([]);
    // New lessons make the instructor owed on the next Friday: its preview subtracts the clawback.
    await lesson(pairWithUnused(p.instructorId)!.learnerId, p.instructorId, 2);
    await w.sync();
    const row = (await call('fin', 'payouts.preview', { date: NEXT_FRIDAY })).rows.find(
      (r) => r.instructor.id === p.instructorId,
    )!;
    expect(row.clawbacksPence).toBeGreaterThanOrEqual(option.clawbackPence);
    expect(row.owedPence).toBe(row.earningsPence - row.transferredPence - row.clawbacksPence);
    expect(row.status).toBe('ready');
    const detail = await runFriday(NEXT_FRIDAY);
    const item = detail.items.find((i) => i.instructor.id === p.instructorId)!;
    expect(item.outcome).toBe('paid');
    expect(clawbacksOf(requestId)[0]).toMatchObject({ status: 'deducted', payout_id: item.payoutId });
    const csv = (await call('fin', 'payouts.remittance', { payoutId: item.payoutId })).csv;
    expect(csv).toContain(`Clawback: Refund of 1 h used in lessons`);
    expect(csv).toContain(`-${(option.clawbackPence / 100).toFixed(2)}`);
    // The instructor whose transfer was reversed sees it on their next statement (not deducted from it).
    const next = detail.items.find((i) => i.instructor.id === reversed!.instructorId)!;
    expect(next.outcome).toBe('paid');
    const theirs = (await call('fin', 'payouts.remittance', { payoutId: next.payoutId })).csv;
    expect(theirs).toContain(`Reversed from ${reversed!.transferId}: Refund of 1 h used in lessons`);
    const pdf = await call('fin', 'payouts.remittancePdf', { payoutId: item.payoutId });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems()).toEqual([]);
  });
});

const AFTER_NEXT = '2026-12-11';

describe('waiving a clawback (finance, manager)', () => {
  it('takes an outstanding deduction off the next run, audited with its note; support may not; a settled one stays', async () => {
    const p = paidPayments().find((x) => pairWithUnused(x.instructorId))!;
    w.sim.control.failNextReversal();
    const { requestId, option } = await refundUsed(p.id, 1);
    await w.sync();
    const [claw] = clawbacksOf(requestId);
    expect(claw).toMatchObject({ method: 'deduction', status: 'outstanding' });
    await lesson(pairWithUnused(p.instructorId)!.learnerId, p.instructorId, 2);
    await w.sync();
    const preview = async () =>
      (await call('fin', 'payouts.preview', { date: AFTER_NEXT })).rows.find(
        (r) => r.instructor.id === p.instructorId,
      )!;
    const before = await preview();
    expect(before.clawbacksPence).toBeGreaterThanOrEqual(option.clawbackPence);
    const listed = await call('man', 'clawbacks.list', { q: claw!.id });
    expect(listed.rows).toMatchObject([
      {
        id: claw!.id,
        recovery: 'deduction_pending',
        source: { kind: 'refund', id: requestId },
        payment: { id: p.id },
        waiveRefusal: null,
      },
    ]);
    const unchanged = databaseChecksum(w.c.core);
    const bySupport = await w.c.core.dispatcher.call('sup', 'clawbacks.waive', {
      clawbackId: claw!.id,
      note: 'Goodwill',
    });
    expect(bySupport).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await w.c.core.dispatcher.call('sup', 'clawbacks.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const noNote = await w.c.core.dispatcher.call('fin', 'clawbacks.waive', {
      clawbackId: claw!.id,
      note: ' ',
    });
    expect(noNote).toMatchObject({ ok: false, error: { message: expect.stringMatching(/say why/) } });
    expect(databaseChecksum(w.c.core)).toBe(unchanged);

    await call('man', 'clawbacks.waive', {
      clawbackId: claw!.id,
      note: 'The lesson was given; the learner was refunded as goodwill',
    });
    const after = await preview();
    expect(after.clawbacksPence).toBe(before.clawbacksPence - option.clawbackPence);
    expect(after.owedPence).toBe(before.owedPence + option.clawbackPence);
    const [waived] = (await call('fin', 'clawbacks.list', { q: claw!.id })).rows;
    expect(waived).toMatchObject({
      recovery: 'waived',
      waivedBy: { name: 'Mandy Ager' },
      note: expect.stringMatching(/goodwill/),
      waiveRefusal: 'It was waived already.',
    });
    expect(
      (await call('fin', 'clawbacks.list', { state: 'outstanding' })).rows.map((r) => r.id),
    ).not.toContain(claw!.id);
    const audit = await call('fin', 'audit.list', { entityType: 'clawback', q: claw!.id });
    expect(audit.rows.find((e) => e.action === 'waived')).toBeDefined();
    // The platform bears the share: the journal says so, and the invariants hold.
    expect(
      count(
        sqlite(),
        'SELECT count(*) FROM journal_transactions WHERE id = ?',
        `clawback-waived:${claw!.id}`,
      ),
    ).toBe(1);
    expect(problems()).toEqual([]);
    const again = await w.c.core.dispatcher.call('fin', 'clawbacks.waive', {
      clawbackId: claw!.id,
      note: 'x',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: /waived already/ } });

    // Settled ones (reversed by Stripe, deducted by a run) cannot be waived: main refuses and nothing changes.
    const settled = (await call('fin', 'clawbacks.list', { state: 'settled', pageSize: 500 })).rows;
    for (const recovery of ['reversed', 'deducted'] as const) {
      const one = settled.find((r) => r.recovery === recovery)!;
      expect(one.waiveRefusal).toMatch(/^Settled/);
      const before = databaseChecksum(w.c.core);
      const refused = await w.c.core.dispatcher.call('fin', 'clawbacks.waive', {
        clawbackId: one.id,
        note: 'x',
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: /^Settled/ } });
      expect(databaseChecksum(w.c.core)).toBe(before);
    }
    // A rebuild writes the same journal, the waiver's posting included.
    const rebuilt = await call('fin', 'ledger.rebuild', {});
    expect(rebuilt.identical).toBe(true);
  });
});

/** A dispute opened on a paid payment and closed as `outcome`, both synced. */
async function disputeClosed(outcome: 'won' | 'lost') {
  const [p] = paidPayments();
  taken.add(p!.id);
  const pi = sqlite()
    .prepare('SELECT stripe_payment_intent_id FROM payments WHERE id = ?')
    .pluck()
    .get(p!.id) as string;
  const opened = w.sim.control.openDispute(pi);
  await w.sync();
  w.sim.control.closeDispute(opened.id, outcome);
  await w.sync();
  return { p: p!, opened };
}

describe('disputes and the instructor’s share', () => {
  it('journals a won dispute’s funds withdrawn and returned, and the invariants hold', async () => {
    const { opened } = await disputeClosed('won');
    const moves = sqlite()
      .prepare(
        `SELECT l.amount_pence FROM journal_transactions t JOIN journal_lines l ON l.transaction_id = t.id
         WHERE t.kind = 'dispute' AND t.source_id = ? AND l.account = 'disputes_expense' ORDER BY t.occurred_at, t.id`,
      )
      .pluck()
      .all(opened.id) as number[];
    // Opened and closed in the same second: the two transactions share an instant, so their order is the ids'.
    expect([...moves].sort((a, b) => b - a)).toEqual([opened.amount, -opened.amount]);
    expect(problems()).toEqual([]);
  });

  it('carries out a lost dispute’s claw back: the paid share reversed, journaled, audited', async () => {
    const { p, opened } = await disputeClosed('lost');
    const [lost] = (await call('fin', 'disputes.list', { paymentId: p.id })).rows;
    expect(lost!.instructorSharePence).toBeGreaterThan(0);
    await call('fin', 'disputes.decide', {
      disputeId: opened.id,
      decision: 'claw_back',
      note: 'Lesson never given',
    });
    await w.sync();
    const claws = clawbacksOf(opened.id);
    expect(claws.reduce((s, c) => s + c.amount_pence, 0)).toBe(lost!.instructorSharePence);
    expect(claws.every((c) => c.method === 'reversal' && c.status === 'recovered')).toBe(true);
    expect(
      count(
        sqlite(),
        'SELECT count(*) FROM journal_transactions WHERE id = ?',
        `dispute-clawback:${opened.id}`,
      ),
    ).toBe(1);
    expect(problems()).toEqual([]);
  });

  it('records an absorbed lost dispute without any clawback', async () => {
    const { opened } = await disputeClosed('lost');
    await call('fin', 'disputes.decide', { disputeId: opened.id, decision: 'absorb', note: 'Goodwill' });
    expect(clawbacksOf(opened.id)).toEqual([]);
    expect(problems()).toEqual([]);
  });
});

describe('a used-hours refund that does not happen leaves no clawback', () => {
  it('when Stripe refuses the refund: no clawback, nothing reversed, the ledger as it was', async () => {
    const p = paidPayments().find((x) => pairWithUnused(x.instructorId))!;
    const pi = sqlite()
      .prepare('SELECT stripe_payment_intent_id FROM payments WHERE id = ?')
      .pluck()
      .get(p.id) as string;
    const reversals = w.sim.state.reversals.items.length;
    const payable = w.payable(p.instructorId);
    w.sim.control.openDispute(pi);
    const { requestId, job } = await refundUsed(p.id, 1);
    expect(job.state).toBe('failed');
    expect((await row(requestId)).status).toBe('failed');
    expect(clawbacksOf(requestId)).toEqual([]);
    expect(w.sim.state.reversals.items.length).toBe(reversals);
    expect(w.payable(p.instructorId)).toBe(payable);
    await w.sync();
    expect(clawbacksOf(requestId)).toEqual([]);
    expect(problems()).toEqual([]);
  });

  it('when the refund fails after Stripe took it: its clawback is cancelled and the instructor is owed it again', async () => {
    const p = paidPayments().find((x) => pairWithUnused(x.instructorId))!;
    const payable = w.payable(p.instructorId);
    w.sim.control.nextRefund('failed');
    const { requestId, option, job } = await refundUsed(p.id, 1);
    expect(job.state, job.message).toBe('done');
    await w.sync();
    expect((await row(requestId)).status).toBe('pending');
    const [claw] = clawbacksOf(requestId);
    expect(claw).toMatchObject({ method: 'reversal', amount_pence: option.clawbackPence });
    expect(problems()).toEqual([]);
    w.sim.control.advance(3 * 86_400);
    await w.sync();
    expect((await row(requestId)).status).toBe('failed');
    expect(clawbacksOf(requestId)).toMatchObject([{ id: claw!.id, status: 'waived' }]);
    const [listed] = (await call('fin', 'clawbacks.list', { q: claw!.id })).rows;
    expect(listed).toMatchObject({ recovery: 'refund_failed', waivedBy: null, note: /failed/ });
    const audit = await call('fin', 'audit.list', { entityType: 'clawback', q: claw!.id });
    expect(audit.rows.map((e) => e.action)).toContain('refund_failed');
    // The reversal Stripe made is owed back: the ledger's payable is as before, less what is still to transfer back.
    expect(w.payable(p.instructorId)).toBe(payable - option.clawbackPence);
    expect(problems()).toEqual([]);
  });
});
