// Starts the host for a core, over TLS when given a pair (the team server), and records how the workspace is served
// so that `server.health` can tell an admin.
import type { Core } from '../core';
import { startHttpHost, type HttpHost } from './http-host';
import type { TlsPair } from './tls';

export async function serveWorkspace(
  core: Core,
  options: { rendererDir: string; address?: string; port?: number; tls?: TlsPair },
): Promise<HttpHost> {
  const host = await startHttpHost({ core, ...options });
  core.services.server.mode = options.tls ? 'team' : 'local';
  core.services.server.fingerprint = host.fingerprint;
  return host;
}
