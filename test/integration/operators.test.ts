import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseChecksum, openTestCore, PASSWORD, withOperators, type TestCore } from '../fixtures/core';
import type { Role } from '../../src/shared/contract/define';

let t: TestCore;
let ids: Record<Role, string>;
beforeEach(async () => {
  t = await openTestCore();
  ids = await withOperators(t);
});
afterEach(() => t.close());

describe('operators and roles', () => {
  it('gives support a forbidden error naming the method, and changes nothing', async () => {
    const before = databaseChecksum(t.core);
    const result = await t.call('support', 'operators.list', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Your role (support) may not use operators.list.',
        details: { method: 'operators.list', role: 'support', allowed: ['admin', 'manager'] },
      },
    });
    const add = await t.call('finance', 'operators.add', {
      username: 'x1',
      name: 'X',
      email: 'x@x.test',
      role: 'support',
      password: PASSWORD,
    });
    expect(add).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(databaseChecksum(t.core)).toBe(before);
  });

  it('lets a manager add support staff but not an admin', async () => {
    const added = await t.ok('manager', 'operators.add', {
      username: 'sam',
      name: 'Sam Support',
      email: 'sam@lplate.test',
      role: 'support',
      password: PASSWORD,
    });
    expect(added.role).toBe('support');
    const admin = await t.call('manager', 'operators.add', {
      username: 'boss',
      name: 'Boss',
      email: 'b@lplate.test',
      role: 'admin',
      password: PASSWORD,
    });
    expect(admin).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('stores an email trimmed and lower-cased, and refuses one that is not an email in words', async () => {
    const added = await t.ok('manager', 'operators.add', {
      username: 'casey',
      name: 'Casey Case',
      email: '  Casey.Case@LPlate.TEST ',
      role: 'support',
      password: PASSWORD,
    });
    expect(added.email).toBe('casey.case@lplate.test');
    const bad = await t.call('manager', 'operators.add', {
      username: 'nomail',
      name: 'No Mail',
      email: 'not an email',
      role: 'support',
      password: PASSWORD,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(JSON.stringify(bad.error.details)).toContain('Enter an email address, like name@example.com.');
  });

  it('refuses a taken username with an error on the username field', async () => {
    const result = await t.call('admin', 'operators.add', {
      username: 'SUPPORT',
      name: 'Dup',
      email: 'd@lplate.test',
      role: 'support',
      password: PASSWORD,
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { issues: [{ path: ['username'] }] } },
    });
  });

  it('lists operators paged and sorted in SQL', async () => {
    const page1 = await t.ok('manager', 'operators.list', {
      pageSize: 2,
      sort: { column: 'username', direction: 'asc' },
    });
    expect(page1.total).toBe(4);
    expect(page1.rows.map((r) => r.username)).toEqual(['admin', 'finance']);
    const page2 = await t.ok('manager', 'operators.list', {
      page: 2,
      pageSize: 2,
      sort: { column: 'username', direction: 'asc' },
    });
    expect(page2.rows.map((r) => r.username)).toEqual(['manager', 'support']);
  });

  it("changes a role, taking effect at the operator's next sign-in", async () => {
    expect((await t.call('support', 'operators.list', {})).ok).toBe(false);
    await t.ok('admin', 'operators.setRole', { id: ids.support, role: 'manager' });
    await t.ok('support', 'auth.signIn', { username: 'support', password: PASSWORD });
    expect((await t.call('support', 'operators.list', {})).ok).toBe(true);
  });

  it('ends every session of an operator whose role changes, and tells each window why', async () => {
    await t.ok('support-laptop', 'auth.signIn', { username: 'support', password: PASSWORD });
    const pushed: unknown[] = [];
    t.core.push.subscribe((event, payload, connection) => pushed.push({ event, payload, connection }));
    await t.ok('admin', 'operators.setRole', { id: ids.support, role: 'finance' });
    for (const connection of ['support', 'support-laptop']) {
      expect(pushed).toContainEqual({
        event: 'session',
        payload: { state: 'signedOut', reason: 'Your role was changed. Sign in again.' },
        connection,
      });
      expect(await t.call(connection, 'audit.verify', {})).toMatchObject({
        ok: false,
        error: { code: 'unauthenticated' },
      });
    }
    expect((await t.call('admin', 'audit.verify', {})).ok).toBe(true);
  });

  it('deactivates (never deletes) an operator, ends their sessions and refuses their sign-in', async () => {
    const pushed: unknown[] = [];
    t.core.push.subscribe((event, payload, connection) => pushed.push({ event, connection }));
    const view = await t.ok('admin', 'operators.setActive', { id: ids.finance, active: false });
    expect(view.isActive).toBe(false);
    expect(pushed).toContainEqual({ event: 'session', connection: 'finance' });
    expect(await t.call('finance', 'audit.verify', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await t.call('again', 'auth.signIn', { username: 'finance', password: PASSWORD })).ok).toBe(
      false,
    );
    const count = t.core.services.sqlite.prepare('SELECT count(*) FROM operators').pluck().get();
    expect(count).toBe(4);
    await t.ok('admin', 'operators.setActive', { id: ids.finance, active: true });
    t.clock.advance(2_000);
    expect((await t.call('again', 'auth.signIn', { username: 'finance', password: PASSWORD })).ok).toBe(true);
  });

  it('never leaves the console without an active admin, and nobody deactivates themselves', async () => {
    const self = await t.call('admin', 'operators.setActive', { id: ids.admin, active: false });
    expect(self).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await t.ok('admin', 'operators.setRole', { id: ids.manager, role: 'admin' });
    await t.ok('manager', 'auth.signIn', { username: 'manager', password: PASSWORD });
    await t.ok('manager', 'operators.setActive', { id: ids.admin, active: false });
    const last = await t.call('manager', 'operators.setRole', { id: ids.manager, role: 'finance' });
    expect(last).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
