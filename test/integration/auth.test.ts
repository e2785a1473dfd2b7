import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseChecksum, openTestCore, PASSWORD, withOperators, type TestCore } from '../fixtures/core';
import { PASSWORD_COST } from '../../src/main/operators/passwords';

let t: TestCore;
/** A core hashing at the real cost (not the tests' 2^14), with its first admin. */
async function atFullCost(): Promise<TestCore> {
  const p = await openTestCore({ passwordCost: PASSWORD_COST });
  await p.ok('admin', 'auth.createFirstAdmin', {
    username: 'admin',
    name: 'Ada Admin',
    email: 'ada@lplate.test',
    password: PASSWORD,
  });
  return p;
}
beforeEach(async () => (t = await openTestCore()));
afterEach(() => t.close());

describe('first run and sign-in', () => {
  it('asks for the first admin on a new workspace, creates it, signs it in, and then refuses a second one', async () => {
    expect((await t.ok('c1', 'auth.status', {})).needsFirstAdmin).toBe(true);
    const admin = await t.ok('c1', 'auth.createFirstAdmin', {
      username: 'Ada',
      name: 'Ada Admin',
      email: 'ada@lplate.test',
      password: PASSWORD,
    });
    expect(admin).toMatchObject({ username: 'ada', role: 'admin', isActive: true });
    const status = await t.ok('c1', 'auth.status', {});
    expect(status.needsFirstAdmin).toBe(false);
    expect(status.operator?.username).toBe('ada');
    const second = await t.call('c2', 'auth.createFirstAdmin', {
      username: 'eve',
      name: 'Eve',
      email: 'eve@lplate.test',
      password: PASSWORD,
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('never stores the password itself: scrypt at N = 2^17 with a per-operator salt', async () => {
    const p = await atFullCost();
    try {
      await p.ok('admin', 'operators.add', {
        username: 'support',
        name: 'Sam Support',
        email: 'sam@lplate.test',
        role: 'support',
        password: PASSWORD,
      });
      const rows = p.core.services.sqlite
        .prepare('SELECT password_hash, password_salt FROM operators')
        .all() as {
        password_hash: string;
        password_salt: string;
      }[];
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[0-9a-f]{128}$/);
        expect(row.password_hash).not.toContain(PASSWORD);
      }
      expect(new Set(rows.map((r) => r.password_salt)).size).toBe(2);
    } finally {
      p.close();
    }
  });

  it('replaces a hash made at the old cost (N = 2^14) with one at N = 2^17 at the next sign-in', async () => {
    const p = await atFullCost();
    try {
      const salt = randomBytes(16).toString('hex');
      const oldKey = scryptSync(PASSWORD, Buffer.from(salt, 'hex'), 64, { N: 16_384, r: 8, p: 1 });
      const { sqlite } = p.core.services;
      sqlite
        .prepare("UPDATE operators SET password_hash = ?, password_salt = ? WHERE username = 'admin'")
        .run(`scrypt$16384$8$1$${oldKey.toString('hex')}`, salt);
      await p.ok('a2', 'auth.signIn', { username: 'admin', password: PASSWORD });
      const row = sqlite
        .prepare("SELECT password_hash, password_salt FROM operators WHERE username = 'admin'")
        .get() as {
        password_hash: string;
        password_salt: string;
      };
      expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[0-9a-f]{128}$/);
      expect(row.password_salt).not.toBe(salt);
      expect((await p.call('a3', 'auth.signIn', { username: 'admin', password: PASSWORD })).ok).toBe(true);
    } finally {
      p.close();
    }
  });

  it('refuses a scrypt cost below the legacy one, so no option can weaken new hashes', async () => {
    await expect(openTestCore({ passwordCost: 1024 })).rejects.toThrow(/power of two from 16384/);
  });

  it('answers a wrong password and an unknown username with the same generic error', async () => {
    await withOperators(t);
    const wrong = await t.call('x', 'auth.signIn', { username: 'support', password: 'not-the-password' });
    const unknown = await t.call('y', 'auth.signIn', { username: 'nobody', password: 'not-the-password' });
    expect(wrong).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Wrong username or password.' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('slows further tries after repeated failures, then lets the right password in once the wait is over', async () => {
    await withOperators(t);
    for (let i = 0; i < 3; i++)
      await t.call('x', 'auth.signIn', { username: 'finance', password: 'wrong-wrong' });
    const throttled = await t.call('x', 'auth.signIn', { username: 'finance', password: PASSWORD });
    expect(throttled).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    t.clock.advance(1_001);
    expect((await t.call('x', 'auth.signIn', { username: 'finance', password: PASSWORD })).ok).toBe(true);
  });

  it('checks at most the free tries when 60 wrong sign-ins for one operator arrive at once, and counts each one it checked', async () => {
    await withOperators(t);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.call(`p${i}`, 'auth.signIn', { username: 'finance', password: `wrong-guess-${i}` }),
      ),
    );
    const checked = results.filter((r) => !r.ok && r.error.code === 'unauthenticated').length;
    const refused = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(checked).toBe(3);
    expect(refused).toBe(57);
    const row = t.core.services.sqlite
      .prepare("SELECT failed_attempts FROM operators WHERE username = 'finance'")
      .get() as { failed_attempts: number };
    expect(row.failed_attempts).toBe(3);
  });

  it('throttles 60 parallel sign-ins for a name that does not exist just as it does for a known one', async () => {
    await withOperators(t);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.call(`q${i}`, 'auth.signIn', { username: 'nobody-here', password: `wrong-guess-${i}` }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.error.code === 'unauthenticated')).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.error.code === 'rate_limited')).toHaveLength(57);
  });

  it('locks a session after 15 minutes idle and tells the connection why', async () => {
    await withOperators(t);
    const pushed: unknown[] = [];
    t.core.push.subscribe((event, payload, connection) => pushed.push({ event, payload, connection }));
    t.clock.advance(14 * 60_000);
    expect((await t.call('support', 'audit.verify', {})).ok).toBe(true);
    t.clock.advance(15 * 60_000 + 1);
    const locked = await t.call('support', 'audit.verify', {});
    expect(locked).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/15 minutes idle/) },
    });
    expect(pushed).toContainEqual({
      event: 'session',
      payload: { state: 'locked', reason: 'Locked after 15 minutes idle.' },
      connection: 'support',
    });
    expect((await t.ok('support', 'auth.status', {})).operator).toBeNull();
  });

  it('issues each sign-in a new session id of 32 random bytes that only main can map back to its connection', async () => {
    await withOperators(t);
    const { dispatcher } = t.core;
    const first = dispatcher.sessionIdOf('support')!;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(dispatcher.connectionOf(first)).toBe('support');
    t.clock.advance(1_000);
    await t.ok('support', 'auth.signIn', { username: 'support', password: PASSWORD });
    const second = dispatcher.sessionIdOf('support')!;
    expect(second).not.toBe(first);
    expect(dispatcher.connectionOf(first)).toBeNull();
    expect(
      new Set(['admin', 'finance', 'manager', 'support'].map((c) => dispatcher.sessionIdOf(c))).size,
    ).toBe(4);
  });

  it('locks after 15 minutes without the operator, however often the screens refresh in the background', async () => {
    await withOperators(t);
    for (let i = 0; i < 60; i++) {
      t.clock.advance(15_000);
      const poll = await t.core.dispatcher.call('support', 'sync.status', {}, { background: true });
      expect(poll.ok).toBe(true);
    }
    t.clock.advance(15_000 + 1);
    const locked = await t.core.dispatcher.call('support', 'sync.status', {}, { background: true });
    expect(locked).toMatchObject({
      ok: false,
      error: { message: 'Locked after 15 minutes idle. Sign in again.' },
    });
  });

  it('keeps a session awake while the operator works', async () => {
    await withOperators(t);
    for (let i = 0; i < 8; i++) {
      t.clock.advance(10 * 60_000);
      expect((await t.call('support', 'audit.verify', {})).ok).toBe(true);
    }
  });

  it('signs an operator out when the session reaches its lifetime (12 hours by default), however active', async () => {
    await withOperators(t);
    const pushed: unknown[] = [];
    t.core.push.subscribe((event, payload, connection) => pushed.push({ event, payload, connection }));
    for (let i = 0; i < 72; i++) {
      t.clock.advance(10 * 60_000);
      expect((await t.call('support', 'audit.verify', {})).ok, `call ${i}`).toBe(true);
    }
    t.clock.advance(60_000);
    const ended = await t.call('support', 'audit.verify', {});
    expect(ended).toMatchObject({
      ok: false,
      error: {
        code: 'unauthenticated',
        message: 'Signed out: sessions last 12 hours at most. Sign in again.',
      },
    });
    expect(pushed).toContainEqual({
      event: 'session',
      payload: { state: 'signedOut', reason: 'Signed out: sessions last 12 hours at most.' },
      connection: 'support',
    });
  });

  it('applies a shorter session lifetime an admin schedules from today to the sessions already open', async () => {
    await withOperators(t);
    const today = (await t.ok('admin', 'settings.get', {})).today;
    await t.ok('admin', 'settings.schedule', {
      key: 'session_lifetime_hours',
      value: 2,
      effectiveFrom: today,
    });
    for (let i = 0; i < 12; i++) {
      t.clock.advance(10 * 60_000);
      expect((await t.call('support', 'audit.verify', {})).ok, `call ${i}`).toBe(true);
    }
    t.clock.advance(60_000);
    expect(await t.call('support', 'audit.verify', {})).toMatchObject({
      ok: false,
      error: { message: 'Signed out: sessions last 2 hours at most. Sign in again.' },
    });
  });

  it('signs out only the connection that asked', async () => {
    await withOperators(t);
    await t.ok('support', 'auth.signOut', {});
    expect((await t.call('support', 'audit.verify', {})).ok).toBe(false);
    expect((await t.call('finance', 'audit.verify', {})).ok).toBe(true);
  });

  it('changes a password only when the current one is given', async () => {
    await withOperators(t);
    const wrong = await t.call('support', 'auth.changePassword', {
      currentPassword: 'nope',
      newPassword: 'a-new-password-1',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'validation', details: { issues: [{ path: ['currentPassword'] }] } },
    });
    await t.ok('support', 'auth.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'a-new-password-1',
    });
    expect((await t.call('z', 'auth.signIn', { username: 'support', password: PASSWORD })).ok).toBe(false);
    t.clock.advance(5_000);
    expect((await t.call('z', 'auth.signIn', { username: 'support', password: 'a-new-password-1' })).ok).toBe(
      true,
    );
  });

  it("ends the operator's other sessions when they change their password, keeping the one that changed it", async () => {
    await withOperators(t);
    await t.ok('support-laptop', 'auth.signIn', { username: 'support', password: PASSWORD });
    const pushed: unknown[] = [];
    t.core.push.subscribe((event, payload, connection) => pushed.push({ event, payload, connection }));
    await t.ok('support', 'auth.changePassword', {
      currentPassword: PASSWORD,
      newPassword: 'a-new-password-1',
    });
    expect(pushed).toContainEqual({
      event: 'session',
      payload: { state: 'signedOut', reason: 'Your password was changed. Sign in with the new one.' },
      connection: 'support-laptop',
    });
    expect(await t.call('support-laptop', 'audit.verify', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await t.call('support', 'audit.verify', {})).ok).toBe(true);
    expect((await t.call('finance', 'audit.verify', {})).ok).toBe(true);
  });

  it('refuses methods to a connection that never signed in, without changing anything', async () => {
    await withOperators(t);
    const before = databaseChecksum(t.core);
    const result = await t.call('stranger', 'operators.add', {
      username: 'mallory',
      name: 'M',
      email: 'm@x.test',
      role: 'admin',
      password: PASSWORD,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(databaseChecksum(t.core)).toBe(before);
  });
});
