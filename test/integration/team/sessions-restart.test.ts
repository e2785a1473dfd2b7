// Sessions the team server issued outlive a restart of the server: a browser's cookie still signs it in, a session an
// admin ended stays ended, and the workspace holds only hashes of session ids.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core';
import { serveWorkspace } from '../../../src/main/host/team-server';
import { MIGRATIONS_DIR, RENDERER_DIR } from '../../../src/main/host/paths';
import { selfSignedPair, type TlsPair } from '../../../src/main/host/tls';
import type { HttpHost } from '../../../src/main/host/http-host';
import { pinnedRequest } from '../../../src/main/team/pinned-https';
import type { SessionView } from '../../../src/shared/contract/team';
import {
  closeAndForget,
  openTestCore,
  PASSWORD,
  TEST_PASSWORD_COST,
  withOperators,
} from '../../fixtures/core';

const tlsDir = mkdtempSync(join(tmpdir(), 'lplate-tls-'));
let last: { core: Core; dir: string } | null = null;

afterAll(() => {
  if (last) closeAndForget(last.core, last.dir);
  rmSync(tlsDir, { recursive: true, force: true });
});

/** A browser-like call: the cookie it holds, and the cookie the server sets. */
async function call(host: HttpHost, pair: TlsPair, method: string, input: unknown, cookie?: string) {
  const response = await pinnedRequest({ host: '127.0.0.1', port: host.port }, pair.fingerprint, {
    method: 'POST',
    path: `/api/call/${method}`,
    headers: {
      'X-LPlate-Client': 'desktop',
      'Content-Type': 'application/json',
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: JSON.stringify({ input }),
  });
  const set = [response.headers['set-cookie'] ?? []].flat()[0];
  return {
    result: JSON.parse(response.body) as { ok: boolean; data?: unknown; error?: { code: string } },
    cookie: set ? set.split(';')[0]! : cookie,
  };
}

describe('team server sessions across a restart', () => {
  it('keeps a signed-in session, keeps an ended one ended, and stores no session id', async () => {
    const t = await openTestCore();
    last = { core: t.core, dir: t.dir };
    await withOperators(t);
    const pair = await selfSignedPair(tlsDir, []);
    let host = await serveWorkspace(t.core, { rendererDir: RENDERER_DIR, address: '127.0.0.1', tls: pair });
    const port = host.port;

    const admin = await call(host, pair, 'auth.signIn', { username: 'admin', password: PASSWORD });
    const finance = await call(host, pair, 'auth.signIn', { username: 'finance', password: PASSWORD });
    expect(admin.result.ok && finance.result.ok).toBe(true);
    const sessions = (await call(host, pair, 'sessions.list', {}, admin.cookie)).result.data as SessionView[];
    const financeRef = sessions.find(
      (s) => s.operator.username === 'finance' && s.from.startsWith('127.0.0.1'),
    )!.ref;
    expect((await call(host, pair, 'sessions.end', { ref: financeRef }, admin.cookie)).result.ok).toBe(true);

    // The server stops and starts again on the same workspace and address.
    await host.close();
    t.core.close();
    const core = await createCore({
      workspaceDir: t.dir,
      migrationsDir: MIGRATIONS_DIR,
      clock: t.clock,
      log: () => {},
      strictContract: true,
      passwordCost: TEST_PASSWORD_COST,
    });
    last = { core, dir: t.dir };
    host = await serveWorkspace(core, { rendererDir: RENDERER_DIR, address: '127.0.0.1', port, tls: pair });
    try {
      const kept = await call(host, pair, 'sessions.list', {}, admin.cookie);
      expect(kept.result.ok).toBe(true);
      expect(kept.cookie).toBe(admin.cookie);
      expect((kept.result.data as SessionView[]).find((s) => s.current)?.operator.username).toBe('admin');

      const ended = await call(host, pair, 'payments.list', {}, finance.cookie);
      expect(ended.result.error?.code).toBe('unauthenticated');

      // Only hashes: no stored value is a session id a client holds.
      const stored = JSON.stringify(core.services.sqlite.prepare('SELECT * FROM team_sessions').all());
      for (const c of [admin.cookie!, finance.cookie!]) expect(stored).not.toContain(c.split('=')[1]);
      expect(
        core.services.sqlite
          .prepare('SELECT ended_reason FROM team_sessions WHERE ref = ?')
          .pluck()
          .get(financeRef),
      ).toBe('Ended by Ada Admin (admin).');
    } finally {
      await host.close();
    }
  });
});
