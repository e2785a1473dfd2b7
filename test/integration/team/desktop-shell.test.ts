// The desktop as a client, under Node: the shell Electron's main runs — choosing a workspace, connecting to a team
// server over pinned HTTPS, forwarding the window's calls, remembering recent workspaces, saying when it is offline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/contract';
import type { DesktopWorkspaces, ServerProbe } from '../../../src/shared/contract/desktop';
import type { HttpHost } from '../../../src/main/host/http-host';
import { serveWorkspace } from '../../../src/main/host/team-server';
import { MIGRATIONS_DIR, RENDERER_DIR } from '../../../src/main/host/paths';
import { selfSignedPair, type TlsPair } from '../../../src/main/host/tls';
import { createDesktopShell, type DesktopShell } from '../../../src/main/desktop/shell';
import { RecentWorkspaces } from '../../../src/main/desktop/recent';
import { createCore, type Core } from '../../../src/main/core';
import {
  closeAndForget,
  openTestCore,
  PASSWORD,
  TEST_PASSWORD_COST,
  withOperators,
  type TestCore,
} from '../../fixtures/core';

let t: TestCore;
let host: HttpHost;
let pair: TlsPair;
let scratch: string;
const locals: { core: Core; dir: string }[] = [];

function shellIn(dir: string): DesktopShell {
  return createDesktopShell({
    recent: new RecentWorkspaces(join(dir, 'recent-workspaces.json')),
    async openLocal(ref) {
      const workspaceDir = join(dir, ref.kind === 'demo' ? 'demo' : ref.name);
      const core = await createCore({
        workspaceDir,
        migrationsDir: MIGRATIONS_DIR,
        autoSync: false,
        exclusive: true,
        passwordCost: TEST_PASSWORD_COST,
        log: () => {},
      });
      locals.push({ core, dir: workspaceDir });
      return core;
    },
  });
}

async function ok<T>(result: Promise<Result<unknown>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}
const errorOf = async (result: Promise<Result<unknown>>) => {
  const r = await result;
  return r.ok ? null : r.error;
};

beforeAll(async () => {
  t = await openTestCore();
  await withOperators(t);
  scratch = mkdtempSync(join(tmpdir(), 'lplate-desktop-'));
  pair = await selfSignedPair(join(scratch, 'server-tls'), []);
  host = await serveWorkspace(t.core, { rendererDir: RENDERER_DIR, address: '127.0.0.1', tls: pair });
});
afterAll(async () => {
  await host?.close();
  t?.close();
  for (const { core, dir } of locals) if (core.services.sqlite.open) closeAndForget(core, dir);
  rmSync(scratch, { recursive: true, force: true });
});

describe('the desktop shell', () => {
  it('offers the choice on first start: nothing is open and every call says to choose', async () => {
    const shell = shellIn(mkdtempSync(join(scratch, 'first-')));
    await shell.resume();
    expect(await ok<DesktopWorkspaces>(shell.dispatcher.call('wc:1', 'desktop.workspaces', {}))).toEqual({
      available: true,
      current: null,
      recent: [],
      problem: null,
    });
    expect(await errorOf(shell.dispatcher.call('wc:1', 'auth.status', {}))).toMatchObject({
      code: 'conflict',
      message: 'No workspace is open on this desktop yet: choose one first.',
    });
    shell.close();
  });

  it('connects to a server after showing its fingerprint, forwards the window’s calls, and keeps the session in main', async () => {
    const dir = mkdtempSync(join(scratch, 'client-'));
    const shell = shellIn(dir);
    const url = `https://127.0.0.1:${host.port}`;
    const probe = await ok<ServerProbe>(shell.dispatcher.call('wc:1', 'desktop.probe', { url }));
    expect(probe).toEqual({ url, fingerprint: pair.fingerprint, version: '0.1.0', compatible: true });

    await ok(
      shell.dispatcher.call('wc:1', 'desktop.open', {
        target: { kind: 'server', url, fingerprint: probe.fingerprint },
      }),
    );
    const signedIn = await ok<Record<string, unknown>>(
      shell.dispatcher.call('wc:1', 'auth.signIn', { username: 'support', password: PASSWORD }),
    );
    // What reaches the renderer is the operator, never the server's session id.
    expect(Object.keys(signedIn).sort()).toEqual(
      ['createdAt', 'email', 'id', 'isActive', 'lastSignInAt', 'name', 'role', 'username'].sort(),
    );
    expect(shell.dispatcher.signedIn('wc:1')).toBe(true);
    const status = await ok<{ operator: { username: string } }>(
      shell.dispatcher.call('wc:1', 'auth.status', {}),
    );
    expect(status.operator.username).toBe('support');
    const onServer = t.core.services.sessions
      .list()
      .filter((s) => s.from === '127.0.0.1 · LPlate desktop 0.1.0');
    expect(onServer).toHaveLength(1);

    const recent = await ok<DesktopWorkspaces>(shell.dispatcher.call('wc:1', 'desktop.workspaces', {}));
    expect(recent.current).toEqual({ kind: 'server', url, fingerprint: pair.fingerprint });
    shell.close();
  });

  it('refuses to connect when the certificate is not the one the operator accepted, and stays where it was', async () => {
    const shell = shellIn(mkdtempSync(join(scratch, 'pin-')));
    const url = `https://127.0.0.1:${host.port}`;
    const wrong = pair.fingerprint.replace(/^../, pair.fingerprint.startsWith('00') ? '11' : '00');
    const error = await errorOf(
      shell.dispatcher.call('wc:1', 'desktop.open', { target: { kind: 'server', url, fingerprint: wrong } }),
    );
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('Nothing was sent') });
    expect(
      (await ok<DesktopWorkspaces>(shell.dispatcher.call('wc:1', 'desktop.workspaces', {}))).current,
    ).toBeNull();
    expect(
      await errorOf(
        shell.dispatcher.call('wc:1', 'desktop.open', {
          target: { kind: 'server', url: 'http://x:1', fingerprint: wrong },
        }),
      ),
    ).toMatchObject({ code: 'validation' });
    shell.close();
  });

  it('switches to a workspace on this computer and back, remembering both, and resumes the latest on next start', async () => {
    const dir = mkdtempSync(join(scratch, 'switch-'));
    const shell = shellIn(dir);
    const url = `https://127.0.0.1:${host.port}`;
    await ok(
      shell.dispatcher.call('wc:1', 'desktop.open', {
        target: { kind: 'server', url, fingerprint: pair.fingerprint },
      }),
    );
    await ok(shell.dispatcher.call('wc:1', 'desktop.open', { target: { kind: 'local', name: 'solo' } }));
    const status = await ok<{ needsFirstAdmin: boolean }>(shell.dispatcher.call('wc:1', 'auth.status', {}));
    expect(status.needsFirstAdmin).toBe(true);
    const state = await ok<DesktopWorkspaces>(shell.dispatcher.call('wc:1', 'desktop.workspaces', {}));
    expect(state.recent).toEqual([
      { kind: 'local', name: 'solo' },
      { kind: 'server', url, fingerprint: pair.fingerprint },
    ]);
    shell.close();

    const again = shellIn(dir);
    await again.resume();
    expect(
      (await ok<DesktopWorkspaces>(again.dispatcher.call('wc:1', 'desktop.workspaces', {}))).current,
    ).toEqual({
      kind: 'local',
      name: 'solo',
    });
    again.close();
  });

  it('says it is offline when the server stops, and shows nothing as current', async () => {
    const other = await openTestCore();
    await withOperators(other);
    const otherPair = await selfSignedPair(join(scratch, 'other-tls'), []);
    const otherHost = await serveWorkspace(other.core, {
      rendererDir: RENDERER_DIR,
      address: '127.0.0.1',
      tls: otherPair,
    });
    const dir = mkdtempSync(join(scratch, 'offline-'));
    const shell = shellIn(dir);
    const url = `https://127.0.0.1:${otherHost.port}`;
    const pushes: unknown[] = [];
    shell.push.subscribe((event, payload, connectionId) => {
      if (event === 'session' && connectionId === 'wc:1') pushes.push(payload);
    });
    await ok(
      shell.dispatcher.call('wc:1', 'desktop.open', {
        target: { kind: 'server', url, fingerprint: otherPair.fingerprint },
      }),
    );
    await ok(shell.dispatcher.call('wc:1', 'auth.signIn', { username: 'finance', password: PASSWORD }));
    await otherHost.close();
    other.close();

    // The open window is signed out with the reason, so nothing it showed stays on screen as if current.
    await expect.poll(() => pushes.length, { timeout: 15_000 }).toBe(1);
    expect(pushes[0]).toMatchObject({
      state: 'signedOut',
      reason: expect.stringMatching(/^Offline: the workspace server/),
    });
    expect(await errorOf(shell.dispatcher.call('wc:1', 'payments.list', {}))).toMatchObject({
      message: expect.stringMatching(/^Offline: .*Nothing on screen is current until it does\.$/),
    });
    shell.close();

    // Started again while the server is down: the chooser says why the last workspace did not open.
    const later = shellIn(dir);
    await later.resume();
    const state = await ok<DesktopWorkspaces>(later.dispatcher.call('wc:1', 'desktop.workspaces', {}));
    expect(state.current).toBeNull();
    expect(state.problem).toMatch(/Cannot reach the workspace server 127\.0\.0\.1/);
    later.close();
  });

  it('is not something the headless console or the CLI does', async () => {
    expect(
      await errorOf(t.core.dispatcher.call('cli:x', 'desktop.open', { target: { kind: 'demo' } })),
    ).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Only the desktop app'),
    });
  });
});
