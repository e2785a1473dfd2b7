// The team server in-process: a real core served over real HTTPS, reached by the desktop's pinned client (the code
// Electron's main runs in client mode) — sessions from other computers, an admin ending one, pushes to every client,
// the version check, and a certificate that changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvents, Result } from '../../../src/shared/contract';
import type { SessionView, ServerHealth } from '../../../src/shared/contract/team';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http-host';
import { serveWorkspace } from '../../../src/main/host/team-server';
import { RENDERER_DIR } from '../../../src/main/host/paths';
import { PlainHttpRefused } from '../../../src/main/host/listen';
import { selfSignedPair, type TlsPair } from '../../../src/main/host/tls';
import { connectRemoteCore } from '../../../src/main/team/remote-core';
import type { WorkspaceBackend } from '../../../src/main/core-types';
import { pinnedRequest } from '../../../src/main/team/pinned-https';
import { openTestCore, PASSWORD, withOperators, type TestCore } from '../../fixtures/core';

let t: TestCore;
let host: HttpHost;
let pair: TlsPair;
const tlsDirs: string[] = [];
const server = () => ({ host: '127.0.0.1', port: host.port });

async function ok<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

/** A desktop window signed in to the server as `username`, and the pushes it receives. */
async function desktop(remote: WorkspaceBackend, window: string, username: string) {
  const pushes: { event: string; payload: unknown }[] = [];
  remote.push.subscribe((event, payload, connectionId) => {
    if (connectionId === window) pushes.push({ event, payload });
  });
  await ok(remote.dispatcher.call(window, 'auth.signIn', { username, password: PASSWORD }));
  return pushes;
}

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  const dir = mkdtempSync(join(tmpdir(), 'lplate-tls-'));
  tlsDirs.push(dir);
  pair = await selfSignedPair(dir, []);
  host = await serveWorkspace(t.core, { rendererDir: RENDERER_DIR, address: '127.0.0.1', tls: pair });
});

afterAll(async () => {
  await host?.close();
  t?.close();
  for (const dir of tlsDirs) rmSync(dir, { recursive: true, force: true });
});

describe('the team server', () => {
  it('refuses plain HTTP on an address other computers can reach, saying how to serve it', async () => {
    await expect(
      startHttpHost({ core: t.core, rendererDir: RENDERER_DIR, address: '0.0.0.0' }),
    ).rejects.toThrow(PlainHttpRefused);
    await expect(
      startHttpHost({ core: t.core, rendererDir: RENDERER_DIR, address: '0.0.0.0' }),
    ).rejects.toThrow(/--tls-cert FILE --tls-key FILE \(or --self-signed/);
  });

  it('shows an admin who is signed in from where, pushes one client’s change to the other, and ends a session', async () => {
    const remote = connectRemoteCore(server(), pair.fingerprint);
    try {
      const adminPushes = await desktop(remote, 'wc:1', 'admin');
      const financePushes = await desktop(remote, 'wc:2', 'finance');

      const sessions = await ok<SessionView[]>(remote.dispatcher.call('wc:1', 'sessions.list', {}));
      const finance = sessions.find(
        (s) => s.operator.username === 'finance' && s.from.includes('LPlate desktop'),
      );
      expect(finance).toMatchObject({ from: '127.0.0.1 · LPlate desktop 0.1.0', current: false });
      expect(sessions.find((s) => s.current)?.operator.username).toBe('admin');
      // The in-process sessions of the fixture are listed too, as this computer's.
      expect(sessions.some((s) => s.from === 'Unknown' || s.from.startsWith('This computer'))).toBe(true);

      // Finance is not an admin: the list is the admin's alone.
      const refused = await remote.dispatcher.call('wc:2', 'sessions.list', {});
      expect(refused.ok ? null : refused.error.code).toBe('forbidden');

      // The admin changes a setting on one desktop: the finance desktop hears which tables changed.
      await ok(
        remote.dispatcher.call('wc:1', 'settings.schedule', {
          key: 'refund_approval_limit_pence',
          value: 7_500,
          effectiveFrom: '2026-12-01',
        }),
      );
      await expect
        .poll(() =>
          financePushes.some(
            (p) =>
              p.event === 'changed' &&
              (p.payload as PushEvents['changed']).tables.includes('settings_history'),
          ),
        )
        .toBe(true);

      await ok(remote.dispatcher.call('wc:1', 'sessions.end', { ref: finance!.ref }));
      await expect
        .poll(() => financePushes.find((p) => p.event === 'session')?.payload)
        .toEqual({ state: 'signedOut', reason: 'Ada Admin (admin) ended your session.' });
      const after = await remote.dispatcher.call('wc:2', 'payments.list', {});
      expect(after.ok ? null : after.error.code).toBe('unauthenticated');
      const own = await remote.dispatcher.call('wc:1', 'sessions.end', {
        ref: sessions.find((s) => s.current)!.ref,
      });
      expect(own.ok ? null : own.error.message).toMatch(/your own session/);

      const ended = t.core.services.sqlite
        .prepare("SELECT user_id, entity_id, old_values FROM audit_logs WHERE action = 'session_ended'")
        .all() as { user_id: string; entity_id: string; old_values: string }[];
      expect(ended).toHaveLength(1);
      expect(JSON.parse(ended[0]!.old_values)).toMatchObject({ from: '127.0.0.1 · LPlate desktop 0.1.0' });
      expect(adminPushes.some((p) => p.event === 'session')).toBe(false);
    } finally {
      remote.close();
    }
  });

  it('tells an admin its version, schema, mode and certificate', async () => {
    const remote = connectRemoteCore(server(), pair.fingerprint);
    try {
      await desktop(remote, 'wc:1', 'admin');
      const health = await ok<ServerHealth>(remote.dispatcher.call('wc:1', 'server.health', {}));
      expect(health).toMatchObject({ version: '0.1.0', mode: 'team', fingerprint: pair.fingerprint });
      expect(health.schema.latest).toMatch(/^\d{4}_/);
      expect(health.writer).toMatchObject({ pid: process.pid, held: true });
    } finally {
      remote.close();
    }
  });

  it('tells a client of another version what to do, and answers nothing else', async () => {
    const response = await pinnedRequest(server(), pair.fingerprint, {
      method: 'POST',
      path: '/api/call/auth.status',
      headers: {
        'X-LPlate-Client': 'desktop',
        'X-LPlate-Version': '0.0.9',
        'Content-Type': 'application/json',
      },
      body: '{"input":{}}',
    });
    expect(response.status).toBe(409);
    expect(JSON.parse(response.body).error.message).toBe(
      'This console is version 0.0.9; the workspace server runs version 0.1.0. Reload the page, or install version ' +
        '0.1.0 of LPlate back office on this computer (or ask your admin which version to use).',
    );
  });

  it('refuses a certificate whose fingerprint changed, before sending the password', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lplate-tls-'));
    tlsDirs.push(dir);
    const other = await selfSignedPair(dir, []);
    expect(other.fingerprint).not.toBe(pair.fingerprint);
    const signInsBefore = t.core.services.sqlite
      .prepare("SELECT count(*) FROM audit_logs WHERE action IN ('sign_in', 'sign_in_failed')")
      .pluck()
      .get();
    // The desktop pinned the other certificate: this server is not the one it trusts.
    const remote = connectRemoteCore(server(), other.fingerprint);
    const result = await remote.dispatcher.call('wc:9', 'auth.signIn', {
      username: 'admin',
      password: PASSWORD,
    });
    expect(result.ok ? null : result.error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining(`presented a different certificate (SHA-256 ${pair.fingerprint})`),
    });
    expect(remote.dispatcher.signedIn('wc:9')).toBe(false);
    expect(
      t.core.services.sqlite
        .prepare("SELECT count(*) FROM audit_logs WHERE action IN ('sign_in', 'sign_in_failed')")
        .pluck()
        .get(),
    ).toBe(signInsBefore);
  });
});
