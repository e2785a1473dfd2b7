// HTTPS to a workspace server whose certificate is pinned by its SHA-256 fingerprint: the TLS handshake finishes, the
// presented certificate is compared with the pin, and only then is a request written — a changed certificate (a new
// server, or someone in between) is refused before any password or session id leaves this computer. Calls reuse
// pinned connections (keep-alive), so a call costs one round trip rather than a handshake.
import { Agent, request as httpRequest, type ClientRequestArgs, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { connect, type TLSSocket } from 'node:tls';

export class FingerprintMismatch extends Error {
  override name = 'FingerprintMismatch';
  constructor(
    readonly expected: string,
    readonly presented: string,
  ) {
    super(
      `The workspace server presented a different certificate (SHA-256 ${presented}) from the one this computer ` +
        `trusts (${expected}). Nothing was sent. If your admin replaced the certificate, connect again and check ` +
        'the new fingerprint with them; otherwise someone may be between you and the server.',
    );
  }
}

export class ServerUnreachable extends Error {
  override name = 'ServerUnreachable';
}

export interface ServerAddress {
  host: string;
  port: number;
}

/** `https://host:port` → its parts; anything else is refused (a workspace server is only ever reached over TLS). */
export function parseServerUrl(text: string): ServerAddress {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new Error('Give the server address as https://host:port.');
  }
  if (url.protocol !== 'https:') throw new Error('A workspace server is reached over https:// only.');
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== ''))
    throw new Error('Give only https://host:port, with no path or credentials.');
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : 443 };
}

/** A TLS connection whose certificate has been checked against `pin` (or, with `pin` null, any: the first look). */
export function pinnedSocket(
  server: ServerAddress,
  pin: string | null,
  timeoutMs = 10_000,
): Promise<{ socket: TLSSocket; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    // Chain and name checks are replaced by the pin: a self-signed pair has no chain, and the pin is stricter.
    const socket = connect({
      host: server.host,
      port: server.port,
      servername: /^[\d.:]+$/.test(server.host) ? undefined : server.host,
      rejectUnauthorized: false,
    });
    const fail = (error: Error) => {
      socket.destroy();
      reject(error);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(new ServerUnreachable(`The workspace server ${server.host}:${server.port} did not answer.`)),
    );
    socket.once('error', (error) =>
      fail(
        new ServerUnreachable(
          `Cannot reach the workspace server ${server.host}:${server.port}: ${error.message}`,
        ),
      ),
    );
    socket.once('secureConnect', () => {
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      if (!fingerprint) return fail(new ServerUnreachable('The server presented no certificate.'));
      if (pin !== null && fingerprint !== pin) return fail(new FingerprintMismatch(pin, fingerprint));
      socket.setTimeout(0);
      socket.removeAllListeners('error');
      resolve({ socket, fingerprint });
    });
  });
}

export interface PinnedResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Keeps pinned connections open between calls: each new connection is pinned before the agent may write on it. */
export class PinnedAgent extends Agent {
  constructor(
    readonly server: ServerAddress,
    readonly pin: string,
  ) {
    super({ keepAlive: true });
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    pinnedSocket(this.server, this.pin).then(
      ({ socket }) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as never),
    );
    return undefined;
  }
}

type RequestOptions = {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
};

/** One request over a pinned connection, read whole; with an agent, over one of its kept connections. */
export async function pinnedRequest(
  server: ServerAddress,
  pin: string,
  options: RequestOptions,
  agent?: PinnedAgent,
): Promise<PinnedResponse> {
  const response = await (agent ? agentResponse(agent, options) : pinnedResponse(server, pin, options));
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += chunk as string;
  return { status: response.statusCode ?? 0, headers: response.headers, body };
}

const stoppedAnswering = (error: Error) =>
  new ServerUnreachable(`The workspace server stopped answering: ${error.message}`);

/** One request over a new pinned connection, its response left open (an event stream). */
export async function pinnedResponse(
  server: ServerAddress,
  pin: string,
  options: RequestOptions,
): Promise<IncomingMessage> {
  const { socket } = await pinnedSocket(server, pin);
  return send(server, options, { createConnection: () => socket }).catch((error: Error) => {
    throw stoppedAnswering(error);
  });
}

/**
 * A request on the agent's connections. A kept connection the server closed while idle fails before the server
 * read anything: the call goes once more, on a new connection.
 */
async function agentResponse(agent: PinnedAgent, options: RequestOptions): Promise<IncomingMessage> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send(agent.server, options, { agent });
    } catch (error) {
      const reused = (error as { reusedSocket?: boolean }).reusedSocket === true;
      if (error instanceof ServerUnreachable || error instanceof FingerprintMismatch) throw error;
      if (!reused || attempt > 0) throw stoppedAnswering(error as Error);
    }
  }
}

function send(
  server: ServerAddress,
  options: RequestOptions,
  via: { agent: Agent } | { createConnection: () => Duplex },
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        method: options.method,
        path: options.path,
        headers: { Host: `${server.host}:${server.port}`, ...options.headers },
        ...via,
      },
      resolve,
    );
    req.once('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(options.body);
  });
}
