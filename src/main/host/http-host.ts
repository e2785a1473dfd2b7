// The headless host: the same core and contract over HTTP on 127.0.0.1 (browser tests, Electron-less use), or — the
// team server — over HTTPS on any address, where operators sign in from other computers.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { APP_VERSION, VERSION_HEADER } from '../../shared/version';
import { forSignedInOnly, type CoreHandle } from '../core-types';
import { refuseRequest, refuseTeamRequest, refuseVersion, type Refusal } from './request-guard';
import { clearSessionCookie, readCookie, sessionCookie, sessionCookieName } from './session-cookie';
import { serveStatic } from './static-files';
import { peerLabel } from './peer';
import { isLoopback, PlainHttpRefused } from './listen';
import type { TlsPair } from './tls';
import { MIME } from '../exports/files';
import { createReadStream } from 'node:fs';

export interface HttpHost {
  url: string;
  /** The certificate's fingerprint when serving over TLS (the team server), else null. */
  fingerprint: string | null;
  /** The URL to open in a browser: carries the token in the fragment, which browsers never send. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...extra,
    })
    .end(JSON.stringify(body));
}

/** A finished export, as an attachment; 404 when it is not this session's or has expired. */
function sendFile(res: ServerResponse, file: { path: string; name: string } | null): void {
  if (!file)
    return sendJson(res, 404, {
      ok: false,
      error: {
        code: 'not_found',
        message: 'This file is not available (expired, or made for another session).',
      },
    });
  res.writeHead(200, {
    'Content-Type': MIME[(file.name.split('.').pop() ?? 'csv') as keyof typeof MIME] ?? MIME.csv,
    'Content-Disposition': `attachment; filename="${file.name}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  createReadStream(file.path).pipe(res);
}

export async function startHttpHost(options: {
  core: CoreHandle;
  rendererDir: string;
  port?: number;
  token?: string;
  /** Where to listen: 127.0.0.1 unless given; any other address needs `tls`. */
  address?: string;
  /** Serve over HTTPS with this pair: the team server, which operators reach from other computers. */
  tls?: TlsPair;
}): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core, tls } = options;
  const address = options.address ?? '127.0.0.1';
  if (!tls && !isLoopback(address)) throw new PlainHttpRefused(address);
  const team = tls !== undefined;
  const streams = new Map<ServerResponse, string>();
  let port = 0;

  const unsubscribe = core.push.subscribe((event, payload, connectionId) => {
    for (const [res, streamConnection] of streams) {
      if (connectionId !== undefined && connectionId !== streamConnection) continue;
      // A team server tells nothing to a stream nobody is signed in on; the local host only hides job details.
      const hidden = forSignedInOnly(event) || (team && connectionId === undefined);
      if (hidden && !core.dispatcher.signedIn(streamConnection)) continue;
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    }
  });

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const facts = {
      remoteAddress: req.socket.remoteAddress,
      host: req.headers.host,
      origin: req.headers.origin,
      authorization: req.headers.authorization,
      client: header(req, 'x-lplate-client'),
      version: header(req, VERSION_HEADER),
    };
    const refusal: Refusal | null =
      (team ? refuseTeamRequest(facts) : refuseRequest(facts, { port, token })) ??
      refuseVersion(facts.version, APP_VERSION);
    if (refusal?.status === 409)
      return sendJson(res, 409, {
        ok: false,
        error: { code: 'conflict', message: refusal.message, details: { serverVersion: APP_VERSION } },
      });
    if (refusal)
      return sendJson(res, refusal.status, {
        ok: false,
        error: { code: 'unauthenticated', message: refusal.message },
      });
    // The session id main issued at sign-in comes back in an HttpOnly cookie; without a known one the request
    // gets a connection of its own, which a sign-in on it turns into a session (and a new cookie).
    const cookie = sessionCookieName(port);
    const presented = readCookie(req.headers.cookie, cookie);
    const known = presented === null ? null : core.dispatcher.connectionOf(presented);
    const connectionId = known ?? `http:${randomUUID()}`;
    if (path === '/api/version' && req.method === 'GET')
      return sendJson(res, 200, { version: APP_VERSION, mode: team ? 'team' : 'local' });
    if (path === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.set(res, connectionId);
      req.on('close', () => streams.delete(res));
      return;
    }
    const file = /^\/api\/files\/([A-Za-z0-9_-]{20,64})$/.exec(path);
    if (file && req.method === 'GET') return sendFile(res, core.files.take(file[1]!, connectionId));
    const call = /^\/api\/call\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(path);
    if (!call || req.method !== 'POST')
      return sendJson(res, 404, { ok: false, error: { code: 'not_found', message: 'No such endpoint.' } });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(res, 415, { ok: false, error: { code: 'validation', message: 'Send JSON.' } });
    }
    let input: unknown;
    try {
      input = (JSON.parse(await readBody(req)) as { input?: unknown }).input;
    } catch {
      return sendJson(res, 400, {
        ok: false,
        error: { code: 'validation', message: 'The body is not valid JSON.' },
      });
    }
    const result = await core.dispatcher.call(connectionId, call[1]!, input, {
      background: req.headers['x-lplate-background'] === '1',
      from: peerLabel(req.socket.remoteAddress, req.headers['user-agent']),
    });
    const issued = core.dispatcher.sessionIdOf(connectionId);
    const setCookie =
      issued !== null && issued !== presented
        ? sessionCookie(cookie, issued, team)
        : issued === null && presented !== null
          ? clearSessionCookie(cookie, team)
          : null;
    sendJson(res, 200, result, setCookie ? { 'Set-Cookie': setCookie } : {});
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const work = path.startsWith('/api/')
      ? handleApi(req, res, path)
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(options.rendererDir, path, res)
        : Promise.resolve(void res.writeHead(405).end());
    work.catch((error: unknown) => {
      console.error('[lplate host] request failed:', error);
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The host failed.' } });
    });
  };
  const server: Server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key }, handle)
    : createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  const url = `${team ? 'https' : 'http'}://${shownHost}:${port}`;
  return {
    url,
    // A team server's operators sign in with their own accounts: no token in its address.
    openUrl: team ? url : `${url}/#token=${token}`,
    fingerprint: tls?.fingerprint ?? null,
    port,
    token,
    async close() {
      unsubscribe();
      for (const res of streams.keys()) res.end();
      streams.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
