// The desktop as a client of a workspace server: Electron's main holds each window's server session (its cookie) and
// forwards the window's contract calls over pinned HTTPS; the server's push events come back on one stream per
// signed-in window. The renderer is unchanged and never sees the session id, the server's token or the Stripe key.
import type { IncomingMessage } from 'node:http';
import { APP_VERSION, VERSION_HEADER } from '../../shared/version';
import type { PushEventName, PushEvents, Result } from '../../shared/contract';
import type { WorkspaceBackend } from '../core-types';
import { createPushBus } from '../api/push-bus';
import { offlineMessage as offlineWords } from '../../shared/offline';
import {
  FingerprintMismatch,
  PinnedAgent,
  pinnedRequest,
  pinnedResponse,
  type ServerAddress,
} from './pinned-https';

const COOKIE = /^(lplate_session_\d+)=([A-Za-z0-9_-]*)/;
const offlineMessage = (server: ServerAddress, why: string) =>
  offlineWords(`${server.host}:${server.port}`, why);
const offline = (server: ServerAddress, why: string): Result<never> => ({
  ok: false,
  error: { code: 'internal', message: offlineMessage(server, why), details: { offline: true } },
});

export function connectRemoteCore(server: ServerAddress, fingerprint: string): WorkspaceBackend {
  const push = createPushBus();
  const agent = new PinnedAgent(server, fingerprint);
  /** Each window's server session: the cookie the server set on it. */
  const cookies = new Map<string, string>();
  const streams = new Map<string, IncomingMessage | 'opening'>();
  const headers = (connectionId: string): Record<string, string> => {
    const cookie = cookies.get(connectionId);
    return {
      'X-LPlate-Client': 'desktop',
      [VERSION_HEADER]: APP_VERSION,
      'User-Agent': `LPlate-Desktop/${APP_VERSION}`,
      ...(cookie ? { Cookie: cookie } : {}),
    };
  };
  const publish = (connectionId: string, event: string, data: string) => {
    try {
      push.publish(event as PushEventName, JSON.parse(data) as PushEvents[PushEventName], connectionId);
    } catch {
      // a malformed frame is dropped; the next `changed` refreshes the screens anyway
    }
  };
  const endStream = (connectionId: string) => {
    const stream = streams.get(connectionId);
    if (stream && stream !== 'opening') stream.destroy();
    streams.delete(connectionId);
  };

  async function openStream(connectionId: string): Promise<void> {
    if (streams.has(connectionId)) return;
    streams.set(connectionId, 'opening');
    let response: IncomingMessage;
    try {
      response = await pinnedResponse(server, fingerprint, {
        method: 'GET',
        path: '/api/events',
        headers: { ...headers(connectionId), Accept: 'text/event-stream' },
      });
    } catch (error) {
      streams.delete(connectionId);
      push.publish(
        'session',
        { state: 'signedOut', reason: offlineMessage(server, (error as Error).message) },
        connectionId,
      );
      return;
    }
    if (streams.get(connectionId) !== 'opening') return void response.destroy();
    streams.set(connectionId, response);
    let buffer = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk.replace(/\r\n/g, '\n');
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) publish(connectionId, event, data);
      }
    });
    response.once('close', () => {
      if (streams.get(connectionId) !== response) return;
      streams.delete(connectionId);
      // The server went away while this window was signed in: it says so instead of showing what may be stale.
      if (cookies.has(connectionId))
        push.publish(
          'session',
          { state: 'signedOut', reason: offlineMessage(server, 'the connection closed') },
          connectionId,
        );
      cookies.delete(connectionId);
    });
  }

  return {
    push,
    dispatcher: {
      async call(connectionId, method, input, options = {}) {
        let response;
        try {
          response = await pinnedRequest(
            server,
            fingerprint,
            {
              method: 'POST',
              path: `/api/call/${encodeURIComponent(method)}`,
              headers: {
                ...headers(connectionId),
                'Content-Type': 'application/json',
                ...(options.background ? { 'X-LPlate-Background': '1' } : {}),
              },
              body: JSON.stringify({ input: input ?? {} }),
            },
            agent,
          );
        } catch (error) {
          if (error instanceof FingerprintMismatch)
            return { ok: false, error: { code: 'forbidden', message: error.message } };
          return offline(server, (error as Error).message);
        }
        const setCookie = [response.headers['set-cookie'] ?? []].flat()[0];
        const cookie = setCookie ? COOKIE.exec(setCookie) : null;
        if (cookie) {
          endStream(connectionId);
          if (cookie[2]) cookies.set(connectionId, `${cookie[1]}=${cookie[2]}`);
          else cookies.delete(connectionId);
        }
        let result: Result<unknown>;
        try {
          result = JSON.parse(response.body) as Result<unknown>;
        } catch {
          return {
            ok: false,
            error: { code: 'internal', message: `The workspace server answered ${response.status}.` },
          };
        }
        if (cookies.has(connectionId)) void openStream(connectionId);
        return result;
      },
      disconnect(connectionId) {
        endStream(connectionId);
        cookies.delete(connectionId);
      },
      signedIn(connectionId) {
        return cookies.has(connectionId);
      },
    },
    close() {
      for (const id of [...streams.keys()]) endStream(id);
      cookies.clear();
      agent.destroy();
    },
  };
}
