import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { importCompletionsCsv } from '../../../src/main/credits/import-completions';
import type { TestCore } from '../../fixtures/core';
import { openScenarioCore } from '../../fixtures/scenario-inputs';

let sim: RunningSimulator;
let t: TestCore;

beforeAll(async () => {
  ({ sim, t } = await openScenarioCore(5, { instructors: 3, learners: 15, weeks: 6, paymentsPerWeek: 12 }));
  const { sqlite, projection } = t.core.services;
  importCompletionsCsv(projection, sqlite, sim.scenario!.completionsCsv(), t.clock.now());
});

afterAll(async () => {
  t.close();
  await sim.close();
});

describe('ledger contract', () => {
  it('lets any operator check the invariants and list unattributed objects', async () => {
    expect(await t.ok('support', 'ledger.invariants', {})).toEqual({ ok: true, violations: [] });
    const page = await t.ok('support', 'unattributed.list', { page: 1, pageSize: 10 });
    expect(page.rows.map((r) => r.id)).toContain(
      sim.scenario!.anomalies.find((a) => a.kind === 'payment_without_metadata')!.ids[0],
    );
  });

  it('shows the hash to finance, manager and admin but not support', async () => {
    const hash = await t.ok('manager', 'ledger.hash', {});
    expect(hash.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash.tables.find((x) => x.name === 'journal_lines')!.rows).toBeGreaterThan(0);
    const refused = await t.call('support', 'ledger.hash', {});
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
  });

  it('rebuilds for finance to the same hash, keeping operators, and refuses a manager', async () => {
    const sqlite = t.core.services.sqlite;
    const received = () =>
      sqlite
        .prepare(
          `SELECT id, received_at FROM stripe_events UNION ALL SELECT id, received_at FROM stripe_observations ORDER BY id`,
        )
        .all();
    const receivedBefore = received();
    const before = await t.ok('finance', 'ledger.hash', {});
    const report = await t.ok('finance', 'ledger.rebuild', {});
    expect(report).toMatchObject({ before: before.hash, after: before.hash, identical: true });
    expect(report.inputs).toBeGreaterThan(0);
    // Each input keeps when it was received, and the scratch tables the inputs were set aside in are gone.
    expect(received()).toEqual(receivedBefore);
    expect(sqlite.prepare("SELECT type, name FROM sqlite_schema WHERE name LIKE 'rebuild%'").all()).toEqual(
      [],
    );
    const refused = await t.call('manager', 'ledger.rebuild', {});
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    // operators still sign in after a rebuild: their users rows were kept
    expect((await t.ok('admin', 'ledger.invariants', {})).ok).toBe(true);
    const audit = sqlite.prepare("SELECT actor, user_id FROM audit_logs WHERE action = 'rebuild'").all() as {
      actor: string;
      user_id: string;
    }[];
    expect(audit).toEqual([{ actor: 'operator', user_id: expect.any(String) }]);
  });
});
