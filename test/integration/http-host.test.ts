import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../src/main/host/http-host';
import { openTestCore, PASSWORD, type TestCore } from '../fixtures/core';

let t: TestCore;
let host: HttpHost;
beforeAll(async () => {
  t = await openTestCore();
  const renderer = mkdtempSync(join(tmpdir(), 'lplate-renderer-'));
  mkdirSync(join(renderer, 'assets'));
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>LPlate</title>');
  host = await startHttpHost({ core: t.core, rendererDir: renderer });
});
afterAll(async () => {
  await host.close();
  t.close();
});

/** The browser's cookie jar for the host, as far as these tests need one: the session cookie it set last. */
let cookie = '';
const headers = (extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${host.token}`,
  'Content-Type': 'application/json',
  ...(cookie ? { Cookie: cookie } : {}),
  ...extra,
});

const callApi = async (method: string, input: unknown, extra?: Record<string, string>) => {
  const res = await fetch(`${host.url}/api/call/${method}`, {
    method: 'POST',
    headers: headers(extra),
    body: JSON.stringify({ input }),
  });
  const set = res.headers.get('set-cookie');
  // A request that brings a cookie of its own is another browser: the jar stays as it was.
  if (set && !(extra && 'Cookie' in extra)) cookie = /Max-Age=0/.test(set) ? '' : set.split(';')[0]!;
  return res;
};

describe('headless HTTP host', () => {
  it('prints a 127.0.0.1 URL carrying the token in the fragment', () => {
    expect(host.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('serves the built renderer with a strict CSP', async () => {
    const res = await fetch(`${host.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('runs the contract: first admin, then a signed-in call on the same connection', async () => {
    const created = await (
      await callApi('auth.createFirstAdmin', {
        username: 'ada',
        name: 'Ada',
        email: 'ada@x.test',
        password: PASSWORD,
      })
    ).json();
    expect(created).toMatchObject({ ok: true, data: { username: 'ada', role: 'admin' } });
    const verify = await (await callApi('audit.verify', {})).json();
    expect(verify).toMatchObject({ ok: true, data: { intact: true } });
  });

  it('refuses requests without the token or with a foreign Origin, and sends no CORS headers', async () => {
    const noToken = await fetch(`${host.url}/api/call/auth.status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"input":{}}',
    });
    expect(noToken.status).toBe(401);
    const foreign = await callApi('auth.status', {}, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${host.url}/api/call/auth.status`, { method: 'OPTIONS' });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a request whose Host header is not ours (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/call/auth.status',
          method: 'POST',
          headers: { ...headers(), Host: 'evil.example' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end('{"input":{}}');
    });
    expect(status).toBe(403);
  });

  it('pushes `changed` events to listening tabs after a write', async () => {
    const controller = new AbortController();
    const res = await fetch(`${host.url}/api/events`, { headers: headers(), signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // the ': connected' comment
    await callApi('settings.schedule', { key: 'platform_fee_bps', value: 1900, effectiveFrom: '2030-01-01' });
    // Commits close together are pushed as one event: read until the one with this write's tables.
    let text = '';
    while (!text.includes('settings_history')) text += new TextDecoder().decode((await reader.read()).value);
    const changed = /event: changed\ndata: (.*)\n/.exec(text.slice(text.lastIndexOf('event: changed')))![1]!;
    expect((JSON.parse(changed) as { tables: string[] }).tables).toEqual(
      expect.arrayContaining(['audit_logs', 'settings_history']),
    );
    controller.abort();
  });

  it('streams job progress only to a tab with someone signed in', async () => {
    const read = async (extra: Record<string, string>) => {
      const controller = new AbortController();
      const res = await fetch(`${host.url}/api/events`, {
        headers: headers(extra),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read(); // ': connected'
      return { reader, stop: () => controller.abort() };
    };
    const signedIn = await read({});
    const stranger = await read({ Cookie: '' });
    t.core.push.publish('progress', { jobId: 'j', kind: 'backfill', title: 'Backfill from Stripe' } as never);
    t.core.push.publish('changed', { tables: ['jobs'] });
    expect(new TextDecoder().decode((await signedIn.reader.read()).value)).toContain('event: progress');
    expect(new TextDecoder().decode((await stranger.reader.read()).value)).toMatch(/^event: changed/);
    signedIn.stop();
    stranger.stop();
  });
});

describe('sessions on the HTTP host', () => {
  const SESSION = /^lplate_session_\d+=([A-Za-z0-9_-]{43}); Path=\/api; HttpOnly; SameSite=Strict$/;

  it('issues the session id at sign-in as an HttpOnly, SameSite=Strict cookie scoped to /api, never in the body', async () => {
    cookie = '';
    const res = await callApi('auth.signIn', { username: 'ada', password: PASSWORD });
    const body = await res.text();
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(SESSION);
    expect(body).not.toContain(SESSION.exec(set)![1]);
    expect(await (await callApi('audit.verify', {})).json()).toMatchObject({ ok: true });
  });

  it('gives a new id at each sign-in, so an id known before signing in is worth nothing after', async () => {
    const before = cookie;
    await callApi('auth.signIn', { username: 'ada', password: PASSWORD });
    expect(cookie).not.toBe(before);
    const old = await callApi('audit.verify', {}, { Cookie: before });
    expect(await old.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it("ignores a connection id the client names: the host token and the tab's old header do not make a session", async () => {
    const tab = { 'X-LPlate-Connection': 'tab-0002-bbbb' };
    cookie = '';
    await callApi('auth.signIn', { username: 'ada', password: PASSWORD }, tab);
    const signedInCookie = cookie;
    cookie = '';
    const replayed = await callApi('audit.verify', {}, tab);
    expect(await replayed.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    cookie = signedInCookie;
  });

  it('does not count calls marked X-LPlate-Background as activity for the idle lock', async () => {
    await callApi('auth.signIn', { username: 'ada', password: PASSWORD });
    t.clock.advance(10 * 60_000);
    const poll = await callApi('sync.status', {}, { 'X-LPlate-Background': '1' });
    expect(await poll.json()).toMatchObject({ ok: true });
    t.clock.advance(6 * 60_000);
    const locked = await callApi('audit.verify', {});
    expect(await locked.json()).toMatchObject({ ok: false, error: { message: /15 minutes idle/ } });
    await callApi('auth.signIn', { username: 'ada', password: PASSWORD });
  });

  it('refuses a session cookie main never issued', async () => {
    const name = cookie.split('=')[0]!;
    const forged = await callApi('audit.verify', {}, { Cookie: `${name}=${'A'.repeat(43)}` });
    expect(await forged.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('clears the cookie at sign-out, and the old id no longer acts for anyone', async () => {
    const signedIn = cookie;
    const res = await callApi('auth.signOut', {});
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const again = await callApi('audit.verify', {}, { Cookie: signedIn });
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
