// The payout schedule driven by a manual clock on a real workspace and simulator: it fires once per Friday (a second
// tick, or a restart, never prepares again), catches up a firing missed while the console was closed, executes on
// its own only under the admin's limit with every check passing, and only an admin sets it (bad input refused).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/clock';
import type { Core } from '../../../src/main/core';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { closeAndForget, databaseChecksum } from '../../fixtures/core';
import {
  connectAndSync,
  contractCaller,
  FIXED_NOW,
  jobEnded,
  openSyncCore,
  OPERATOR_PASSWORD,
  signedInOperators,
  startSmallSimulator,
  type SyncCore,
} from '../sync/harness';
import { OPERATORS } from './workspace';

const clock = new ManualClock(FIXED_NOW); // Wed 25 Nov 2026 09:00 GMT
const dir = mkdtempSync(join(tmpdir(), 'lplate-schedule-'));
let sim: RunningSimulator;
let c: SyncCore;
const core = (): Core => c.core;
const call: ReturnType<typeof contractCaller> = (...args) => contractCaller(core())(...args);
const at = (iso: string) => clock.advance(Date.parse(iso) - clock.now());
const POLICY = { minimumPence: 100, scheduleWeekday: 5, scheduleTime: '10:00', autoPrepare: true };

/** Everyone signs in again (sessions end with time, and with the process). */
async function signInAll() {
  for (const who of ['admin', ...OPERATORS.map((o) => o.username)]) {
    const r = await core().dispatcher.call(who, 'auth.signIn', {
      username: who,
      password: OPERATOR_PASSWORD,
    });
    if (!r.ok) throw new Error(r.error.message);
  }
}
const reopen = async () => {
  c.close();
  c = await openSyncCore(sim.port, { dir, clock, seed: 17 });
  await signInAll();
};
const runsFor = (date: string) =>
  core()
    .services.sqlite.prepare(
      'SELECT source, executed_at AS executedAt FROM payout_runs WHERE payout_date = ?',
    )
    .all(date) as { source: string; executedAt: number | null }[];
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code: string }) => error.code,
  );

beforeAll(async () => {
  sim = await startSmallSimulator(17);
  c = await openSyncCore(sim.port, { dir, clock, seed: 17 });
  expect((await connectAndSync(core()))?.state).toBe('done');
  await signedInOperators(core(), OPERATORS);
  await call('fin', 'completions.import', {
    fileName: 'completions.csv',
    csv: sim.scenario!.completionsCsv(),
  });
});
afterAll(async () => {
  if (c) closeAndForget(c.core, dir);
  await sim?.close();
});

describe('the payout schedule', () => {
  it('is set by an admin only, and refuses bad input with words, changing nothing', async () => {
    const before = databaseChecksum(core());
    for (const who of ['fin', 'man', 'sup'])
      expect(await refusal(call(who, 'payouts.setPolicy', { ...POLICY, autoExecuteLimitPence: null }))).toBe(
        'forbidden',
      );
    const bad = [
      { scheduleTime: '25:00' },
      { scheduleTime: '9:00' },
      { scheduleWeekday: 7 },
      { autoExecuteLimitPence: 0 },
      { autoExecuteLimitPence: 12.5 },
      { autoPrepare: false, autoExecuteLimitPence: 5_000 },
    ];
    for (const change of bad) {
      const error = await call('admin', 'payouts.setPolicy', {
        ...POLICY,
        autoExecuteLimitPence: null,
        ...change,
      }).catch((e: Error & { code: string }) => e);
      expect((error as { code: string }).code, JSON.stringify(change)).toBe('validation');
    }
    const error = await call('admin', 'payouts.setPolicy', {
      ...POLICY,
      autoPrepare: false,
      autoExecuteLimitPence: 5_000,
    }).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/needs the schedule on/);
    expect(databaseChecksum(core())).toBe(before);
  });

  it('fires once for a Friday, over the limit prepares for approval only, and a restart does not fire again', async () => {
    expect(core().schedule.tick()).toBeNull(); // arms: firings before this were never the schedule's
    await call('admin', 'payouts.setPolicy', { ...POLICY, autoExecuteLimitPence: 1 });
    at('2026-11-27T09:59:00Z');
    expect(core().schedule.tick()).toBeNull();
    at('2026-11-27T10:00:30Z'); // Fri 27 Nov 10:00 GMT
    const fired = core().schedule.tick();
    expect(fired).toMatchObject({ friday: '2026-11-27', outcome: 'prepared' });
    expect(fired!.notExecuted.join(' ')).toMatch(/over the auto-execution limit \(£0\.01\)/);
    expect(core().schedule.tick()).toBeNull();
    expect(runsFor('2026-11-27')).toEqual([{ source: 'schedule', executedAt: null }]);

    await signInAll();
    const attention = (await call('fin', 'overview.attention', {})).find(
      (g) => g.kind === 'payout_runs_awaiting_approval',
    );
    expect(attention?.items[0]?.title).toMatch(/^Fri 27 Nov 2026: £[\d,]+\.\d\d to \d+ instructors?$/);
    expect(attention?.items[0]?.detail).toMatch(/Prepared by the schedule.*Not executed automatically/);
    const status = await call('sup', 'payouts.schedule', {});
    expect(status.last).toMatchObject({ friday: '2026-11-27', outcome: 'prepared' });
    expect(status.next).toEqual({ at: Date.parse('2026-12-04T10:00:00Z'), friday: '2026-12-04' });
    const audit = core()
      .services.sqlite.prepare(
        "SELECT action, actor FROM audit_logs WHERE entity_type IN ('payout_run', 'payout_schedule')",
      )
      .all();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'prepared', actor: 'system' },
        { action: 'fired', actor: 'system' },
        { action: 'auto_execute_refused', actor: 'system' },
      ]),
    );

    at('2026-11-27T11:00:00Z');
    await reopen();
    expect(core().schedule.tick()).toBeNull();
    expect(runsFor('2026-11-27')).toHaveLength(1);
  });

  it('catches up a firing missed while closed, once, and does not execute before its Friday', async () => {
    // Thursdays 09:00 for that week's Friday, executed automatically under £1m.
    await call('admin', 'payouts.setPolicy', {
      ...POLICY,
      scheduleWeekday: 4,
      scheduleTime: '09:00',
      autoExecuteLimitPence: 100_000_000,
    });
    c.close();
    at('2026-12-03T09:30:00Z'); // the console was closed at Thu 3 Dec 09:00
    c = await openSyncCore(sim.port, { dir, clock, seed: 17 });
    const fired = core().schedule.tick();
    expect(fired).toMatchObject({ friday: '2026-12-04', outcome: 'prepared' });
    expect(fired!.notExecuted).toEqual([
      expect.stringMatching(/before Fri 4 Dec 2026: nothing is paid before/),
    ]);
    expect(core().schedule.tick()).toBeNull();
    at('2026-12-03T15:00:00Z');
    expect(core().schedule.tick()).toBeNull();
    expect(runsFor('2026-12-04')).toEqual([{ source: 'schedule', executedAt: null }]);
    await signInAll();
  });

  it('executes on its own under the limit when every check passes: one transfer per ready instructor', async () => {
    await call('admin', 'payouts.setPolicy', { ...POLICY, autoExecuteLimitPence: 100_000_000 });
    at('2026-12-11T10:01:00Z');
    const fired = core().schedule.tick();
    expect(fired?.notExecuted).toEqual([]);
    expect(fired).toMatchObject({ friday: '2026-12-11', outcome: 'executed' });
    expect(core().schedule.tick()).toBeNull();
    await signInAll();
    const runs = await call('fin', 'payouts.runs', {});
    const run = runs.find((r) => r.date === '2026-12-11')!;
    expect(run).toMatchObject({ source: 'schedule', executedBy: null });
    expect((await jobEnded(core(), run.jobId!, 'fin')).state).toBe('done');
    const detail = await call('fin', 'payouts.run', { runId: run.id });
    expect(detail.run.state).toBe('done');
    expect(detail.items.filter((i) => i.outcome === 'paid')).toHaveLength(run.ready);
    const perAccount = new Map<string, number>();
    for (const t of sim.state.transfers.items)
      if (t.transferGroup === 'payout-2026-12-11')
        perAccount.set(t.destination, (perAccount.get(t.destination) ?? 0) + 1);
    expect(perAccount.size).toBe(run.ready);
    expect([...perAccount.values()].every((n) => n === 1)).toBe(true);
    const executed = core()
      .services.sqlite.prepare(
        "SELECT actor, user_id AS userId FROM audit_logs WHERE entity_type = 'payout_run' AND action = 'executed'",
      )
      .all();
    expect(executed).toEqual([{ actor: 'system', userId: null }]);
  });
});
