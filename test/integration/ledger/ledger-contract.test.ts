import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../../src/main/simulator/index';
import { importCompletionsCsv } from '../../../src/main/credits/import-completions';
import type { TestCore } from '../../fixtures/core';
import { existsSync, writeFileSync } from 'node:fs';
import { rebuildLedger } from '../../../src/main/sync/rebuild';
import { ledgerHash } from '../../../src/main/projection/hash';
import { applyInBatches, listScenarioEvents, openScenarioCore } from '../../fixtures/scenario-inputs';

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
    applyInBatches(sqlite, await listScenarioEvents(sim), t.clock.now());
    // Each input received at its own time, before now: the replay stores every input as received now.
    sqlite.exec(`UPDATE stripe_events SET received_at = received_at - rowid;
                 UPDATE stripe_observations SET received_at = received_at - rowid`);
    const received = (table: string) =>
      sqlite.prepare(`SELECT id, received_at FROM ${table} ORDER BY id`).all();
    const eventsBefore = received('stripe_events');
    const observationsBefore = received('stripe_observations');
    expect(eventsBefore.length).toBeGreaterThan(0);
    expect(observationsBefore.length).toBeGreaterThan(0);
    const before = await t.ok('finance', 'ledger.hash', {});
    const report = await t.ok('finance', 'ledger.rebuild', {});
    expect(report).toMatchObject({ before: before.hash, after: before.hash, identical: true });
    expect(report.inputs).toBe(eventsBefore.length + observationsBefore.length);
    // Each input keeps when it was received, and the scratch file the inputs were set aside in is gone.
    expect(received('stripe_events')).toEqual(eventsBefore);
    expect(received('stripe_observations')).toEqual(observationsBefore);
    expect(existsSync(`${sqlite.name}.rebuild`)).toBe(false);
    expect(sqlite.prepare('SELECT name FROM pragma_database_list').pluck().all()).toEqual(['main', 'temp']);
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

  it('rebuilds over the scratch file a killed rebuild left behind, and refuses to run inside another transaction', () => {
    const { sqlite, projection } = t.core.services;
    writeFileSync(`${sqlite.name}.rebuild`, 'what a killed rebuild left');
    expect(rebuildLedger(projection, sqlite, t.clock.now(), null).identical).toBe(true);
    expect(existsSync(`${sqlite.name}.rebuild`)).toBe(false);
    const hash = ledgerHash(projection, sqlite).hash;
    expect(() => sqlite.transaction(() => rebuildLedger(projection, sqlite, t.clock.now(), null))()).toThrow(
      /transaction of its own/,
    );
    expect(ledgerHash(projection, sqlite).hash).toBe(hash);
  });
});
