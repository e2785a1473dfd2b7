import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestCore, PASSWORD, withOperators, type TestCore } from '../fixtures/core';
import type { Role } from '../../src/shared/contract/define';
import { appendAudit } from '../../src/main/audit/chain';

let t: TestCore;
let ids: Record<Role, string>;
beforeEach(async () => {
  t = await openTestCore();
  ids = await withOperators(t);
});
afterEach(() => t.close());

const sqlite = () => t.core.services.sqlite;

describe('audit log', () => {
  it('records every change made through the contract with entity, action, old and new values and who did it', async () => {
    await t.ok('admin', 'operators.setRole', { id: ids.support, role: 'finance' });
    const page = await t.ok('finance', 'audit.list', { entityType: 'operator', action: 'role_changed' });
    expect(page.total).toBe(1);
    expect(page.rows[0]).toMatchObject({
      entityType: 'operator',
      entityId: ids.support,
      action: 'role_changed',
      oldValues: { role: 'support' },
      newValues: { role: 'finance' },
      userId: ids.admin,
      operatorName: 'Ada Admin',
      actor: 'operator',
    });
    const created = await t.ok('finance', 'audit.list', {
      action: 'create',
      sort: { column: 'seq', direction: 'asc' },
    });
    expect(created.rows.map((r) => r.newValues?.username)).toEqual([
      'admin',
      'support',
      'finance',
      'manager',
    ]);
    expect(JSON.stringify(created.rows)).not.toContain('scrypt');
  });

  it('writes nothing — neither the change nor its audit row — when the change fails', async () => {
    const before = sqlite().prepare('SELECT count(*) FROM audit_logs').pluck().get();
    const dup = await t.call('admin', 'operators.add', {
      username: 'support',
      name: 'D',
      email: 'd@x.test',
      role: 'support',
      password: PASSWORD,
    });
    expect(dup.ok).toBe(false);
    expect(sqlite().prepare('SELECT count(*) FROM audit_logs').pluck().get()).toBe(before);
    expect(() =>
      sqlite().transaction(() => {
        appendAudit(sqlite(), {
          entityType: 'operator',
          entityId: 'y',
          action: 'create',
          userId: null,
          actor: 'system',
          createdAt: 1,
        });
        throw new Error('crash after the audit row');
      })(),
    ).toThrow('crash');
    expect(sqlite().prepare('SELECT count(*) FROM audit_logs').pluck().get()).toBe(before);
  });

  it('refuses UPDATE and DELETE on audit rows at the database level', () => {
    expect(() => sqlite().prepare("UPDATE audit_logs SET action = 'nothing' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => sqlite().prepare('DELETE FROM audit_logs WHERE seq = 1').run()).toThrow(/append-only/);
  });

  it('refuses INSERT OR REPLACE over an entry, by id or by sequence, whatever recursive_triggers says', () => {
    const row = sqlite().prepare('SELECT * FROM audit_logs WHERE seq = 2').get() as Record<string, unknown>;
    const before = sqlite().prepare('SELECT * FROM audit_logs ORDER BY seq').all();
    const replace = sqlite().prepare(
      `INSERT OR REPLACE INTO audit_logs (id, seq, entity_type, entity_id, action, old_values, new_values, user_id, actor, created_at, prev_hash, hash)
       VALUES (@id, @seq, @entity_type, @entity_id, 'nothing_happened', @old_values, @new_values, @user_id, @actor, @created_at, @prev_hash, @hash)`,
    );
    for (const recursive of [false, true]) {
      sqlite().pragma(`recursive_triggers = ${recursive ? 'ON' : 'OFF'}`);
      expect(() => replace.run(row)).toThrow(/append-only/);
      expect(() => replace.run({ ...row, id: '00000000-0000-4000-8000-000000000002' })).toThrow(
        /append-only/,
      );
    }
    sqlite().pragma('recursive_triggers = OFF');
    expect(sqlite().prepare('SELECT * FROM audit_logs ORDER BY seq').all()).toEqual(before);
  });

  it('filters by operator, date range and free text, paged and sorted', async () => {
    const byAdmin = await t.ok('manager', 'audit.list', {
      operatorId: ids.admin,
      sort: { column: 'seq', direction: 'asc' },
    });
    expect(byAdmin.rows.every((r) => r.userId === ids.admin)).toBe(true);
    expect((await t.ok('manager', 'audit.list', { q: 'Finance Person' })).total).toBeGreaterThan(0);
    expect((await t.ok('manager', 'audit.list', { q: '100%_' })).total).toBe(0);
    expect(
      (await t.ok('manager', 'audit.list', { from: '2026-11-25', to: '2026-11-25' })).total,
    ).toBeGreaterThan(0);
    expect((await t.ok('manager', 'audit.list', { from: '2026-11-26' })).total).toBe(0);
    const paged = await t.ok('manager', 'audit.list', {
      pageSize: 3,
      page: 2,
      sort: { column: 'seq', direction: 'asc' },
    });
    expect(paged.rows.map((r) => r.seq)).toEqual([4, 5, 6]);
    const facets = await t.ok('manager', 'audit.facets', {});
    expect(facets.entityTypes).toEqual(['audit_chain', 'operator', 'setting']);
    expect(facets.actions).toContain('sign_in');
    expect(facets.operators.map((o) => o.name)).toContain('Ada Admin');
  });

  it('shows support only the entries about payments, refunds and completions, whatever filter it asks for', async () => {
    const { sqlite: db } = t.core.services;
    db.transaction(() => {
      for (const entityType of ['payment', 'refund', 'lesson_completion'] as const)
        appendAudit(db, {
          entityType,
          entityId: `${entityType}-1`,
          action: 'sync_create',
          newValues: { note: 'visible to support' },
          userId: null,
          actor: 'sync',
          createdAt: t.clock.now(),
        });
    })();
    await t.call('nobody', 'auth.signIn', { username: 'finance', password: 'a-wrong-password' });
    const all = await t.ok('support', 'audit.list', { pageSize: 500 });
    expect(all.rows.map((r) => r.entityType).sort()).toEqual(['lesson_completion', 'payment', 'refund']);
    expect(all.total).toBe(3);
    for (const input of [
      { entityType: 'operator' },
      { action: 'sign_in_failed' },
      { operatorId: ids.admin },
      { q: 'Ada Admin' },
    ])
      expect((await t.ok('support', 'audit.list', input)).total, JSON.stringify(input)).toBe(0);
    const facets = await t.ok('support', 'audit.facets', {});
    expect(facets).toEqual({
      entityTypes: ['lesson_completion', 'payment', 'refund'],
      actions: ['sync_create'],
      operators: [],
    });
    const manager = await t.ok('manager', 'audit.list', { action: 'sign_in_failed' });
    expect(manager.total).toBe(1);
    const finance = await t.ok('finance', 'audit.facets', {});
    expect(finance.entityTypes).toEqual(expect.arrayContaining(['operator', 'payment', 'setting']));
  });

  it('verifies an intact chain', async () => {
    const report = await t.ok('support', 'audit.verify', {});
    const count = sqlite().prepare('SELECT count(*) FROM audit_logs').pluck().get();
    expect(report).toMatchObject({ intact: true, checked: count, firstBroken: null });
  });

  it('names the row someone with the file changed after dropping the trigger', async () => {
    const target = sqlite().prepare('SELECT id, seq FROM audit_logs WHERE seq = 5').get() as {
      id: string;
      seq: number;
    };
    sqlite().exec('DROP TRIGGER audit_logs_no_update');
    sqlite().prepare(`UPDATE audit_logs SET new_values = '{"role":"admin"}' WHERE seq = 5`).run();
    const report = await t.ok('support', 'audit.verify', {});
    expect(report).toMatchObject({
      intact: false,
      checked: 4,
      firstBroken: { seq: 5, id: target.id, reason: expect.stringMatching(/it was changed/) },
    });
  });

  it('names the gap when a row is deleted from the middle of the chain', async () => {
    sqlite().exec('DROP TRIGGER audit_logs_no_delete');
    sqlite().prepare('DELETE FROM audit_logs WHERE seq = 3').run();
    const report = await t.ok('support', 'audit.verify', {});
    expect(report).toMatchObject({
      intact: false,
      checked: 2,
      firstBroken: { seq: 4, reason: expect.stringMatching(/missing/) },
    });
  });
});
