// Clawbacks: refunding hours already used in lessons (finance or a manager) takes the instructor's share back — a
// transfer reversal when a Friday run had paid it, a cancelled earning when not, a deduction from the next run (its
// preview and the instructor's statement) when Stripe refuses the reversal — and a lost dispute clawed back does the
// same. The journal's invariants hold after every path, a won dispute included.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoots } from '../../../src/main/projection/project';
import { databaseChecksum } from '../../fixtures/core';
import { count, ledgerProblems } from '../sync/harness';
import { FRIDAY, payoutsWorkspace } from '../payouts/workspace';

const NEXT_FRIDAY = '2026-12-04';
const AFTER_NEXT = '2026-12-11';
/** A lesson on this day is payable on NEXT_FRIDAY (and not on FRIDAY). */
const MONDAY = Date.parse('2026-11-23T10:00:00Z');

const w = payoutsWorkspace(71);
const { call } = w;
const sqlite = () => w.c.core.services.sqlite;
const problems = () => ledgerProblems(sqlite(), w.sim);
const row = async (requestId: string) =>
  (await call('fin', 'refunds.list', { q: requestId })).rows.find((r) => r.id === requestId)!;

const runFriday = w.runFriday;

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

/** A used-hours refund of a payment, which no later test takes again. */
async function refundUsed(paymentId: string, used: number) {
  taken.add(paymentId);
  return w.refundUsed(paymentId, used);
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

/** A lesson recorded by hand on MONDAY (or later that week): it takes the pair's next unused hours (payable NEXT_FRIDAY). */
async function lesson(learnerId: string, instructorId: string, hours = 1, completedAt = MONDAY) {
  const id = randomUUID();
  await call('fin', 'completions.record', {
    id,
    learnerId,
    instructorId,
    hours,
    completedAt,
    note: 'Recorded for the clawback tests',
  });
  return id;
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
    // What the transfer deducted it paid of the instructor's lessons too: every one payable by then is marked paid.
    expect(
      earningsOf("instructor_id = ? AND payable_on <= ? AND status <> 'paid'", p.instructorId, NEXT_FRIDAY),
    ).toEqual([]);
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

/** An instructor's earnings as the payable projection marked them. */
const earningsOf = (where: string, ...args: unknown[]) =>
  sqlite()
    .prepare(`SELECT id, hours_from, hours_to, amount_pence, status, payout_id FROM earnings WHERE ${where}`)
    .all(...args) as {
    id: string;
    hours_from: number;
    hours_to: number;
    amount_pence: number;
    status: string;
    payout_id: string | null;
  }[];

describe('which transfer paid a lesson, once clawbacks took some back', () => {
  it('a reversed share leaves the lessons its transfer paid marked paid: the next used hour is reversed too', async () => {
    const usedHours = (paymentId: string) =>
      sqlite()
        .prepare(
          "SELECT sum(hours_to - hours_from) FROM earnings WHERE payment_id = ? AND status <> 'cancelled'",
        )
        .pluck()
        .get(paymentId) as number;
    // The instructor's connected account must hold enough to fund two reversals.
    const available = (instructorId: string) =>
      w.sim.state.available(
        sqlite()
          .prepare('SELECT stripe_account_id FROM stripe_connect_accounts WHERE instructor_id = ?')
          .pluck()
          .get(instructorId) as string,
      );
    const p = paidPayments()
      .filter((x) => usedHours(x.id) >= 2)
      .sort((a, b) => available(b.instructorId) - available(a.instructorId))[0]!;
    expect(p).toBeDefined();
    const first = await refundUsed(p.id, 1);
    expect(first.job.state, first.job.message).toBe('done');
    await w.sync();
    const [reversal] = clawbacksOf(first.requestId);
    expect(reversal).toMatchObject({ method: 'reversal', status: 'recovered' });
    // The transfer was reversed in part; what it paid stays paid, and nothing payable by its Friday is owed again.
    expect(
      earningsOf("instructor_id = ? AND payable_on <= ? AND status <> 'paid'", p.instructorId, FRIDAY),
    ).toEqual([]);

    const second = await refundUsed(p.id, 1);
    expect(second.option.instructorPaid).toBe(true);
    expect(second.job.state, second.job.message).toBe('done');
    await w.sync();
    expect(clawbacksOf(second.requestId)).toMatchObject([
      {
        method: 'reversal',
        status: 'recovered',
        stripe_transfer_id: reversal!.stripe_transfer_id,
        amount_pence: second.option.clawbackPence,
      },
    ]);
    expect(
      earningsOf("instructor_id = ? AND payable_on <= ? AND status <> 'paid'", p.instructorId, FRIDAY),
    ).toEqual([]);
    expect(problems()).toEqual([]);
  });

  it('a lesson partly clawed back by cancelling is paid in full by the transfer of the rest', async () => {
    // A payment nothing was used of yet: lessons first use up its pair's older payments, then one of two hours is a
    // single earning on it.
    const unused = (alias: string) => `max(0, ${alias}.hours
      - ifnull((SELECT sum(hours_to - hours_from) FROM earnings e WHERE e.payment_id = ${alias}.id AND e.status <> 'cancelled'), 0)
      - ifnull((SELECT sum(hours) FROM refunds r WHERE r.payment_id = ${alias}.id AND r.status IN ('pending', 'succeeded')), 0))`;
    const fresh = sqlite()
      .prepare(
        `SELECT p.id, p.learner_id AS learnerId, p.instructor_id AS instructorId,
           (SELECT ifnull(sum(${unused('q')}), 0) FROM payments q WHERE q.learner_id = p.learner_id
             AND q.instructor_id = p.instructor_id AND q.created_at < p.created_at
             AND q.status IN ('succeeded', 'partially_refunded')) AS before
         FROM payments p JOIN stripe_connect_accounts a ON a.instructor_id = p.instructor_id AND a.payouts_enabled = 1
         WHERE p.status = 'succeeded' AND p.amount_refunded_pence = 0 AND p.hours >= 2
           AND NOT EXISTS (SELECT 1 FROM earnings e WHERE e.payment_id = p.id)
         ORDER BY p.created_at, p.id`,
      )
      .all() as { id: string; learnerId: string; instructorId: string; before: number }[];
    const p = fresh.find((x) => !taken.has(x.id))!;
    expect(p).toBeDefined();
    if (p.before > 0) await lesson(p.learnerId, p.instructorId, p.before, MONDAY + 7_200_000);
    const completion = await lesson(p.learnerId, p.instructorId, 2, MONDAY + 14_400_000);
    await w.sync();
    const [earning] = earningsOf('completion_id = ?', completion);
    expect(earning).toMatchObject({ hours_from: 0, hours_to: 2, status: 'owed' });

    const { requestId, option, job } = await refundUsed(p.id, 1);
    expect(job.state, job.message).toBe('done');
    expect(option.instructorPaid).toBe(false);
    await w.sync();
    const [cancelled] = clawbacksOf(requestId);
    expect(cancelled).toMatchObject({ method: 'cancelled', status: 'recovered' });
    expect(cancelled!.amount_pence).toBeLessThan(earning!.amount_pence);

    const detail = await runFriday(AFTER_NEXT);
    const item = detail.items.find((i) => i.instructor.id === p.instructorId)!;
    expect(item.outcome).toBe('paid');
    expect(earningsOf('id = ?', earning!.id)).toMatchObject([{ status: 'paid', payout_id: item.payoutId }]);
    expect(
      earningsOf("instructor_id = ? AND payable_on <= ? AND status <> 'paid'", p.instructorId, AFTER_NEXT),
    ).toEqual([]);
    expect(problems()).toEqual([]);
    // The marks are the projection's: a rebuild from Stripe and the console's records gives the same ones.
    expect((await call('fin', 'ledger.rebuild', {})).identical).toBe(true);
  });
});

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

describe('migration 0027', () => {
  it('takes each clawback’s payment and hours from its audit entry, and marks the earnings as before', () => {
    const { projection } = w.c.core.services;
    const ranges = () =>
      sqlite().prepare('SELECT id, payment_id, hours_from, hours_to FROM clawbacks ORDER BY id').all();
    const marks = () => sqlite().prepare('SELECT id, status, payout_id FROM earnings ORDER BY id').all();
    const before = { ranges: ranges(), marks: marks() };
    expect(before.ranges.length).toBeGreaterThan(3);
    expect(
      sqlite().prepare("SELECT count(*) FROM clawbacks WHERE status = 'waived'").pluck().get(),
    ).toBeGreaterThan(0);
    // As a workspace from before 0027 has them: no ranges, and earnings marked by transfer amounts alone.
    sqlite().exec('DROP TRIGGER clawbacks_waived_final');
    sqlite().prepare('UPDATE clawbacks SET payment_id = NULL, hours_from = NULL, hours_to = NULL').run();
    sqlite().prepare("UPDATE earnings SET status = 'owed', payout_id = NULL WHERE status = 'paid'").run();
    const migration = readFileSync(join(process.cwd(), 'drizzle/0027_clawback_hours.sql'), 'utf8');
    // Its statements after the new columns: the fill from the audit log (a waived clawback included).
    for (const statement of migration
      .split('--> statement-breakpoint')
      .filter((s) => !s.includes('ALTER TABLE')))
      sqlite().exec(statement);
    expect(ranges()).toEqual(before.ranges);
    expect(() => sqlite().prepare("UPDATE clawbacks SET note = 'x' WHERE status = 'waived'").run()).toThrow(
      /waived clawback is final/,
    );
    const roots = projection.rootsAfterMigrations(sqlite(), ['0027_clawback_hours']);
    sqlite().transaction(() => projectRoots(projection, sqlite(), roots, w.c.core.services.clock.now()))();
    expect(marks()).toEqual(before.marks);
  });
});
