import { APP_VERSION } from '@shared/version';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from '@testing-library/react';
import {
  canAccess,
  createHttpBridge,
  EXPIRED_LINK_MESSAGE,
  fieldErrorsOf,
  ApiFailure,
  methodReadsAny,
  takeBootToken,
} from '../../src/renderer/src/lib/api';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('contract-driven helpers', () => {
  it('decides visibility from each method’s access in the contract', () => {
    expect(canAccess('operators.list', 'support')).toBe(false);
    expect(canAccess('operators.list', 'manager')).toBe(true);
    expect(canAccess('settings.schedule', 'manager')).toBe(false);
    expect(canAccess('audit.list', 'support')).toBe(true);
    expect(canAccess('audit.list', null)).toBe(false);
    expect(canAccess('auth.status', null)).toBe(true);
  });

  it('invalidates a method when a table it reads changes', () => {
    expect(methodReadsAny('audit.list', ['audit_logs'])).toBe(true);
    expect(methodReadsAny('settings.get', ['audit_logs'])).toBe(false);
    expect(methodReadsAny('nope', ['audit_logs'])).toBe(false);
  });

  it('maps validation issues to fields', () => {
    const failure = new ApiFailure('operators.add', {
      code: 'validation',
      message: 'bad',
      details: {
        issues: [
          { path: ['username'], message: 'is already taken' },
          { path: ['sort', 'column'], message: 'bad column' },
        ],
      },
    });
    expect(fieldErrorsOf(failure)).toEqual({ username: 'is already taken', 'sort.column': 'bad column' });
    expect(fieldErrorsOf(new ApiFailure('x', { code: 'forbidden', message: 'no' }))).toEqual({});
  });

  it('maps a conflict that names its field (a duplicate) to that field', () => {
    const failure = new ApiFailure('codes.create', {
      code: 'conflict',
      message: 'code: WELCOME10 already exists',
      details: { issues: [{ path: ['code'], message: 'WELCOME10 already exists' }] },
    });
    expect(fieldErrorsOf(failure)).toEqual({ code: 'WELCOME10 already exists' });
    expect(fieldErrorsOf(new ApiFailure('x', { code: 'conflict', message: 'busy' }))).toEqual({});
  });
});

describe('HTTP bridge', () => {
  it('takes the token from the URL once and replaces the hash', () => {
    window.history.replaceState(null, '', '/#token=abc%20123');
    expect(takeBootToken()).toBe('abc 123');
    expect(window.location.hash).toBe('#/');
    expect(window.sessionStorage.getItem('lplate.token')).toBe('abc 123');
    expect(takeBootToken()).toBe('abc 123');
  });

  it("posts the input with the host token, names no connection (the session is the host's HttpOnly cookie), and returns the Result as sent", async () => {
    const fetchImpl = vi.fn(
      async () => new Response(JSON.stringify({ ok: true, data: { n: 1 } }), { status: 200 }),
    );
    const bridge = createHttpBridge({
      token: 'tok',
      fetchImpl: fetchImpl as unknown as typeof fetch,
    });
    expect(await bridge.invoke('audit.verify', {})).toEqual({ ok: true, data: { n: 1 } });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/call/audit.verify');
    expect(init.method).toBe('POST');
    expect(init.headers).toEqual({
      Authorization: 'Bearer tok',
      'Content-Type': 'application/json',
      'X-LPlate-Client': 'console',
      'X-LPlate-Version': APP_VERSION,
    });
    expect(JSON.parse(init.body as string)).toEqual({ input: {} });
  });

  it('turns a transport refusal into an unauthenticated error that says what to do', async () => {
    const fetchImpl = vi.fn(async () => new Response('no', { status: 401 }));
    const bridge = createHttpBridge({
      token: 'old',
      fetchImpl: fetchImpl as unknown as typeof fetch,
    });
    const result = await bridge.invoke('auth.status', {});
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: EXPIRED_LINK_MESSAGE },
    });
  });

  it('says a failing host failed (once, no session ended), and keeps its own words when it gave them', async () => {
    const fetchImpl = vi.fn(async () => new Response('<html>Bad Gateway</html>', { status: 502 }));
    const bridge = createHttpBridge({ token: 'tok', fetchImpl: fetchImpl as unknown as typeof fetch });
    const result = await bridge.invoke('payments.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: /HTTP 502.*Try again/ } });
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    const own = { ok: false, error: { code: 'validation', message: 'Send JSON.' } };
    fetchImpl.mockImplementationOnce(async () => new Response(JSON.stringify(own), { status: 415 }));
    expect(await bridge.invoke('payments.list', {})).toEqual(own);
  });

  it('reads push events from the event stream', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('event: changed\ndata: {"tables":["operators",'));
        controller.enqueue(
          encoder.encode(
            '"audit_logs"]}\n\nevent: session\ndata: {"state":"locked","reason":"Locked after 15 minutes idle"}\n\n',
          ),
        );
      },
    });
    const fetchImpl = vi.fn(
      async () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    );
    const bridge = createHttpBridge({
      token: 't',
      fetchImpl: fetchImpl as unknown as typeof fetch,
    });
    const changed = new Promise((resolve) => bridge.on('changed', resolve));
    const session = new Promise((resolve) => bridge.on('session', resolve));
    expect(await changed).toEqual({ tables: ['operators', 'audit_logs'] });
    expect(await session).toEqual({ state: 'locked', reason: 'Locked after 15 minutes idle' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/events');
    expect(init.headers).toEqual({
      Authorization: 'Bearer t',
      Accept: 'text/event-stream',
      'X-LPlate-Client': 'console',
      'X-LPlate-Version': APP_VERSION,
    });
  });

  it('opens the event stream again after a sign-in, so that it carries the session cookie the sign-in set', async () => {
    const streams: AbortSignal[] = [];
    const fetchImpl = vi.fn(async (url: string, init: RequestInit) => {
      if (url === '/api/events') {
        streams.push(init.signal!);
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            init.signal!.addEventListener('abort', () =>
              controller.error(new DOMException('aborted', 'AbortError')),
            );
          },
        });
        return new Response(body, { status: 200 });
      }
      return new Response(JSON.stringify({ ok: true, data: null }), { status: 200 });
    });
    const bridge = createHttpBridge({ token: 't', fetchImpl: fetchImpl as unknown as typeof fetch });
    bridge.on('changed', () => {});
    await vi.waitFor(() => expect(streams).toHaveLength(1));
    await bridge.invoke('audit.verify', {});
    expect(streams[0]!.aborted).toBe(false);
    await bridge.invoke('auth.signIn', { username: 'ada', password: 'x' });
    await vi.waitFor(() => expect(streams).toHaveLength(2));
    expect(streams[0]!.aborted).toBe(true);
  });
  it('says the host is offline in the desktop’s words when its stream drops, once, and when a call cannot reach it', async () => {
    let closeStream = () => {};
    let down = false;
    const fetchImpl = vi.fn(async (url: string) => {
      if (down) throw new TypeError('Failed to fetch');
      if (url === '/api/events')
        return new Response(
          new ReadableStream<Uint8Array>({
            start: (controller) => void (closeStream = () => controller.close()),
          }),
          { status: 200 },
        );
      return new Response(JSON.stringify({ ok: true, data: null }), { status: 200 });
    });
    const bridge = createHttpBridge({
      token: null,
      hostName: 'lplate.example:8443',
      fetchImpl: fetchImpl as unknown as typeof fetch,
    });
    const sessions: unknown[] = [];
    bridge.on('session', (payload) => sessions.push(payload));
    await vi.waitFor(() => expect(fetchImpl).toHaveBeenCalledTimes(1));
    down = true;
    closeStream();
    await vi.waitFor(() => expect(sessions).toHaveLength(1));
    expect(sessions[0]).toEqual({
      state: 'signedOut',
      reason:
        'Offline: the workspace server lplate.example:8443 does not answer (the connection closed). Nothing on ' +
        'screen is current until it does.',
    });
    const result = await bridge.invoke('payments.list', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message:
          'Offline: the workspace server lplate.example:8443 does not answer (Failed to fetch). Nothing on screen ' +
          'is current until it does.',
        details: { offline: true },
      },
    });
    expect(sessions).toHaveLength(1);
  });
});
