// Credits and lesson completions through the contract on a real workspace fed from a simulated scenario: preview,
// import (all or nothing, idempotent, a console record kept by a rebuild), the validation matrix, roles, and
// corrections as a reversal plus a new entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { databaseChecksum, type TestCore } from '../../fixtures/core';
import { applyInBatches, listScenarioInputs, openScenarioCore } from '../../fixtures/scenario-inputs';
import { COMPLETIONS_HEADER } from '../../../src/main/credits/completions-csv';
import { projectRoots } from '../../../src/main/projection/project';
import { inForce } from '../../../src/main/credits/consumption';

let sim: RunningSimulator;
let t: TestCore;
let csv: string;
const count = (sql: string, ...params: unknown[]) =>
  t.core.services.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;

beforeAll(async () => {
  ({ sim, t } = await openScenarioCore(5, { instructors: 3, learners: 15, weeks: 6, paymentsPerWeek: 12 }));
  csv = sim.scenario!.completionsCsv();
});

afterAll(async () => {
  t.close();
  await sim.close();
});

const file = (...rows: string[]) => [COMPLETIONS_HEADER, ...rows].join('\r\n') + '\r\n';

describe('importing the marketplace’s completions', () => {
  it('previews every row without writing anything, for support and finance only', async () => {
    const before = databaseChecksum(t.core);
    const preview = await t.ok('support', 'completions.preview', { fileName: 'completions.csv', csv });
    const rows = sim.scenario!.counts.completions;
    expect(preview.summary).toMatchObject({ rows, new: rows, recorded: 0, errors: 0 });
    expect(preview.summary.newHours).toBe(sim.scenario!.completions.reduce((s, c) => s + c.hours, 0));
    expect(preview.summary.liabilityReleasedPence).toBeGreaterThan(0);
    expect(preview.rows[0]).toMatchObject({ line: 2, status: 'new', learnerName: expect.any(String) });
    expect(preview.previousImport).toBeNull();
    expect(databaseChecksum(t.core)).toBe(before);
    for (const role of ['manager', 'admin'] as const) {
      const refused = await t.call(role, 'completions.preview', { fileName: 'c.csv', csv });
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    }
  });

  it('imports all rows in one transaction: credits drop by what the preview said, audited, a console record', async () => {
    const before = await t.ok('manager', 'credits.list', {});
    const preview = await t.ok('finance', 'completions.preview', { fileName: 'completions.csv', csv });
    const started = performance.now();
    const result = await t.ok('finance', 'completions.import', { fileName: 'completions.csv', csv });
    const ms = performance.now() - started;
    console.info(`imported ${result.recorded} completions in ${Math.round(ms)} ms`);
    expect(result).toMatchObject({
      recorded: preview.summary.new,
      alreadyRecorded: 0,
      importId: expect.any(String),
    });
    const after = await t.ok('manager', 'credits.list', {});
    if ('capped' in after.totals || 'capped' in before.totals)
      throw new Error('unfiltered totals are never capped');
    expect(after.totals.hoursUsed - before.totals.hoursUsed).toBe(preview.summary.newHours);
    expect(before.totals.liabilityPence - after.totals.liabilityPence).toBe(
      preview.summary.liabilityReleasedPence,
    );
    const t2 = after.totals;
    expect(t2.hoursPurchased).toBe(t2.hoursUsed + t2.hoursRefunded + t2.hoursRemaining);
    expect(
      count("SELECT count(*) FROM audit_logs WHERE entity_type = 'completion_import' AND action = 'import'"),
    ).toBe(1);
    const imports = await t.ok('support', 'completions.imports', {});
    expect(imports).toEqual([
      expect.objectContaining({
        fileName: 'completions.csv',
        by: 'Finance Person',
        recorded: result.recorded,
      }),
    ]);
    expect(await t.ok('support', 'ledger.invariants', {})).toEqual({ ok: true, violations: [] });
  });

  it('changes nothing when the same file comes again, and says so', async () => {
    const before = databaseChecksum(t.core);
    const preview = await t.ok('support', 'completions.preview', { fileName: 'again.csv', csv });
    expect(preview.summary).toMatchObject({ new: 0, errors: 0, recorded: preview.summary.rows });
    expect(preview.previousImport).toMatchObject({ by: 'Finance Person' });
    const again = await t.ok('support', 'completions.import', { fileName: 'again.csv', csv });
    expect(again).toMatchObject({ importId: null, recorded: 0 });
    expect(again.message).toMatch(/already recorded, so nothing changed/);
    expect(databaseChecksum(t.core)).toBe(before);
  });

  it('refuses a file with any bad row, naming each line and what to change, and writes nothing', async () => {
    const [, first] = csv.split('\r\n') as [string, string];
    const [, learner, instructor] = first.split(',') as [string, string, string];
    const payment = t.core.services.sqlite
      .prepare(
        'SELECT created_at FROM payments WHERE learner_id = ? AND instructor_id = ? ORDER BY created_at LIMIT 1',
      )
      .pluck()
      .get(learner, instructor) as number;
    const before = new Date(payment - 86_400_000).toISOString().slice(0, 19) + 'Z';
    const id = (n: number) => `7c4a09c4-d0c5-4c58-ac68-${String(n).padStart(12, '0')}`;
    const stranger = '00000000-0000-4000-8000-000000000000';
    const bad = file(
      `${id(1)},${stranger},${instructor},1,2026-09-01T10:00:00Z`,
      `${id(2)},${learner},${stranger},1,2026-09-01T10:00:00Z`,
      `${id(3)},${learner},${instructor},12,2026-09-02T10:00:00Z`,
      `${id(4)},${learner},${instructor},1,2026-02-30T10:00:00Z`,
      `${id(5)},${learner},${instructor},1,2026-12-24T10:00:00Z`,
      `${id(6)},${learner},${instructor},1,${before}`,
      `${id(7)},${learner},${instructor},1,2026-09-03T10:00:00Z`,
      `${id(7)},${learner},${instructor},1,2026-09-03T10:00:00Z`,
    );
    const checksum = databaseChecksum(t.core);
    const preview = await t.ok('finance', 'completions.preview', { fileName: 'bad.csv', csv: bad });
    const problems = Object.fromEntries(preview.rows.map((r) => [r.line, r.problems.join(' ')]));
    expect(problems[2]).toMatch(/learner .* is not known to the console/);
    expect(problems[3]).toMatch(/instructor .* is not known to the console/);
    expect(problems[4]).toMatch(/only \d+ unused hour\(s\) remain .* not 12/);
    expect(problems[5]).toMatch(/completed_at must be a UTC instant/);
    expect(problems[6]).toMatch(/in the future — check the date/);
    expect(problems[7]).toMatch(/before the payment it would use/);
    expect(problems[9]).toMatch(/completion_id repeats line 8/);
    expect(preview.summary.errors).toBeGreaterThanOrEqual(7);
    const refused = await t.call('finance', 'completions.import', { fileName: 'bad.csv', csv: bad });
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'validation',
      message: expect.stringMatching(
        /bad\.csv was not imported: \d+ rows have problems; nothing was recorded/,
      ),
    });
    expect(databaseChecksum(t.core)).toBe(checksum);
  });

  it('keeps imports and completions through a rebuild', async () => {
    const imports = count('SELECT count(*) FROM completion_imports');
    const completions = count('SELECT count(*) FROM lesson_completions');
    const report = await t.ok('finance', 'ledger.rebuild', {});
    expect(report.identical).toBe(true);
    expect(count('SELECT count(*) FROM completion_imports')).toBe(imports);
    expect(count('SELECT count(*) FROM lesson_completions')).toBe(completions);
  });
});

describe('recording and correcting by hand', () => {
  it('records a lesson (support), reverses it with a correction, and shows it all in the pair’s history', async () => {
    const page = await t.ok('support', 'credits.list', {
      state: 'remaining',
      sort: { column: 'remaining', direction: 'desc' },
    });
    const pair = page.rows[0]!;
    expect(pair.hoursRemaining).toBeGreaterThanOrEqual(2);
    const lesson = {
      id: '5b1f0c8e-1111-4a4a-9a9a-000000000001',
      learnerId: pair.learner.id,
      instructorId: pair.instructor.id,
      hours: 2,
      completedAt: t.clock.now() - 3_600_000,
      note: 'Entered from the instructor’s diary',
    };
    expect(await t.ok('support', 'completions.record', lesson)).toEqual({ completionId: lesson.id });
    // the same submit again records once
    await t.ok('support', 'completions.record', lesson);
    const mid = (
      await t.ok('support', 'credits.list', { learnerId: pair.learner.id, instructorId: pair.instructor.id })
    ).rows[0]!;
    expect(mid.hoursRemaining).toBe(pair.hoursRemaining - 2);
    expect(mid.liabilityPence).toBeLessThan(pair.liabilityPence);

    const forbidden = await t.call('manager', 'completions.record', {
      ...lesson,
      id: '5b1f0c8e-1111-4a4a-9a9a-000000000002',
    });
    expect(forbidden.ok ? null : forbidden.error.code).toBe('forbidden');

    const fixed = await t.ok('finance', 'completions.reverse', {
      completionId: lesson.id,
      reason: 'It was a one-hour lesson',
      replacement: { hours: 1, completedAt: lesson.completedAt },
    });
    const after = (
      await t.ok('support', 'credits.list', { learnerId: pair.learner.id, instructorId: pair.instructor.id })
    ).rows[0]!;
    expect(after.hoursRemaining).toBe(pair.hoursRemaining - 1);
    const again = await t.call('finance', 'completions.reverse', {
      completionId: lesson.id,
      reason: 'twice',
    });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'conflict', message: /already reversed/ });

    const history = await t.ok('manager', 'credits.history', {
      learnerId: pair.learner.id,
      instructorId: pair.instructor.id,
    });
    const times = history.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const byId = new Map(history.entries.map((e) => [e.id, e]));
    expect(byId.get(lesson.id)).toMatchObject({
      kind: 'completion',
      hours: -2,
      completion: { inForce: false },
    });
    expect(byId.get(fixed.reversalId)).toMatchObject({
      kind: 'reversal',
      hours: 2,
      detail: /It was a one-hour lesson/,
    });
    expect(byId.get(fixed.replacementId!)).toMatchObject({
      kind: 'completion',
      hours: -1,
      completion: { inForce: true },
    });
    expect(history.entries.some((e) => e.kind === 'payment')).toBe(true);
    expect(history.entries.some((e) => e.kind === 'earning')).toBe(true);
    expect(history.credit).toMatchObject({ hoursRemaining: after.hoursRemaining });
    expect(await t.ok('support', 'ledger.invariants', {})).toEqual({ ok: true, violations: [] });
  });

  it('never edits or deletes a completion or an import', () => {
    const { sqlite } = t.core.services;
    expect(() => sqlite.prepare('UPDATE lesson_completions SET hours = hours + 1').run()).toThrow(
      /never edited/,
    );
    expect(() => sqlite.prepare('DELETE FROM lesson_completions').run()).toThrow(/never deleted/);
    expect(() => sqlite.prepare('DELETE FROM completion_imports').run()).toThrow(/never deleted/);
  });
});

describe('refunded hours, counted one way everywhere', () => {
  it('counts a pending refund in the credits list, the Instructors page and the credit check alike', async () => {
    const page = await t.ok('support', 'credits.list', {
      state: 'remaining',
      sort: { column: 'remaining', direction: 'asc' },
    });
    const pair = page.rows.find((r) => r.hoursRemaining === 1) ?? page.rows[0]!;
    const { sqlite } = t.core.services;
    const pi = sqlite
      .prepare(
        `SELECT stripe_payment_intent_id FROM payments WHERE learner_id = ? AND instructor_id = ? AND status = 'succeeded'
         ORDER BY created_at DESC LIMIT 1`,
      )
      .pluck()
      .get(pair.learner.id, pair.instructor.id) as string;
    const instructorBefore = (await t.ok('support', 'instructors.list', { pageSize: 100 })).rows.find(
      (r) => r.id === pair.instructor.id,
    )!;
    sim.control.nextRefund('pending');
    const stripe = new (await import('stripe')).default('sk_test_x', {
      host: '127.0.0.1',
      port: sim.port,
      protocol: 'http',
    });
    const intent = await stripe.paymentIntents.retrieve(pi);
    const hours = Number(intent.metadata.lplate_hours);
    await stripe.refunds.create({
      payment_intent: pi,
      amount: Math.floor(intent.amount / hours),
      metadata: { lplate_refund_hours: '1' },
    });
    applyInBatches(sqlite, await listScenarioInputs(sim), t.clock.now());
    expect(count("SELECT count(*) FROM refunds WHERE status = 'pending'")).toBeGreaterThan(0);

    const after = (
      await t.ok('support', 'credits.list', { learnerId: pair.learner.id, instructorId: pair.instructor.id })
    ).rows[0]!;
    expect(after.hoursRefunded).toBe(pair.hoursRefunded + 1);
    expect(after.hoursRemaining).toBe(pair.hoursRemaining - 1);
    const instructorAfter = (await t.ok('support', 'instructors.list', { pageSize: 100 })).rows.find(
      (r) => r.id === pair.instructor.id,
    )!;
    expect(instructorAfter.creditHours).toBe(instructorBefore.creditHours - 1);
    // the credit check refuses what the screens say is not there
    const preview = await t.ok('support', 'completions.preview', {
      fileName: 'one.csv',
      csv: file(
        `9d3e6a10-2222-4b4b-8b8b-000000000001,${pair.learner.id},${pair.instructor.id},${after.hoursRemaining + 1},2026-11-24T10:00:00Z`,
      ),
    });
    expect(preview.rows[0]!.problems.join(' ')).toMatch(`only ${after.hoursRemaining} unused hour(s) remain`);
  });
});

describe('migration 0012', () => {
  it('reads a pair’s completions in force through the pair index, not every completion in force', () => {
    // With a plain unique index on reverses_id, SQLite took `reverses_id IS NULL` for a unique look-up and read every
    // completion not reversed, for each pair a sync or an import projects (quadratic: 97,000 completions of the
    // `large` preset's five weeks took over 28 minutes to import).
    const plan = t.core.services.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id, hours, completed_at FROM lesson_completions
         WHERE learner_id = ? AND instructor_id = ? AND ${inForce()} ORDER BY completed_at, id`,
      )
      .all('a', 'b') as { detail: string }[];
    expect(plan[0]!.detail).toMatch(/^SEARCH lesson_completions USING INDEX lesson_completions_pair_idx /);
  });

  it('fills hours_refunded and liability_pence for every pair that has payments', () => {
    const { sqlite, projection } = t.core.services;
    const read = () =>
      sqlite.prepare('SELECT id, hours_refunded, liability_pence FROM learner_credits ORDER BY id').all();
    const before = read();
    expect(before.some((r) => (r as { hours_refunded: number }).hours_refunded > 0)).toBe(true);
    // as a workspace migrated from 0011 has them: the columns' defaults
    sqlite.prepare('UPDATE learner_credits SET hours_refunded = 0, liability_pence = 0').run();
    const roots = projection.rootsAfterMigrations(sqlite, ['0016_credits_console_records']);
    sqlite.transaction(() => projectRoots(projection, sqlite, new Set(roots), t.clock.now()))();
    expect(read()).toEqual(before);
  });
});
