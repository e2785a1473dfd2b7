// The desktop's main-process switchboard: it holds the open workspace — a core on this computer or a connection to a
// workspace server — answers the `desktop.*` methods itself, and forwards every other call to that workspace. The
// renderer talks to it exactly as to a core; it never sees a server's session id or certificate handling.
import { APP_VERSION, VERSION_HEADER } from '../../shared/version';
import { contract, describeIssues, type Result } from '../../shared/contract';
import type { DesktopWorkspaces, ServerProbe, WorkspaceRef } from '../../shared/contract/desktop';
import type { WorkspaceBackend } from '../core-types';
import { createPushBus, type PushBus } from '../api/push-bus';
import { FingerprintMismatch, parseServerUrl, pinnedRequest, pinnedSocket } from '../team/pinned-https';
import { connectRemoteCore } from '../team/remote-core';
import type { RecentWorkspaces } from './recent';

export interface DesktopShell {
  dispatcher: WorkspaceBackend['dispatcher'];
  push: PushBus;
  /** Opens the most recent workspace, if any (else the window offers the choice). */
  resume(): Promise<void>;
  close(): void;
}

const failure = (code: 'conflict' | 'forbidden' | 'validation', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Reads a server's certificate fingerprint (trusting nothing yet) and its version over that same pin. */
export async function probeServer(url: string): Promise<ServerProbe> {
  const server = parseServerUrl(url);
  const { socket, fingerprint } = await pinnedSocket(server, null);
  socket.destroy();
  const response = await pinnedRequest(server, fingerprint, {
    method: 'GET',
    path: '/api/version',
    headers: { 'X-LPlate-Client': 'desktop', [VERSION_HEADER]: APP_VERSION },
  });
  const version =
    response.status === 409
      ? ((JSON.parse(response.body) as { error: { details: { serverVersion: string } } }).error.details
          .serverVersion ?? 'unknown')
      : ((JSON.parse(response.body) as { version: string }).version ?? 'unknown');
  return { url: url.trim().replace(/\/$/, ''), fingerprint, version, compatible: version === APP_VERSION };
}

export function createDesktopShell(options: {
  recent: RecentWorkspaces;
  /** Opens a workspace on this computer (the demo or a named local one): Electron's main makes the core. */
  openLocal(ref: Exclude<WorkspaceRef, { kind: 'server' }>): Promise<WorkspaceBackend>;
}): DesktopShell {
  const push = createPushBus();
  let backend: WorkspaceBackend | null = null;
  let current: WorkspaceRef | null = null;
  let problem: string | null = null;
  let unsubscribe = () => {};

  const state = (): DesktopWorkspaces => ({
    available: true,
    current,
    recent: options.recent.list(),
    problem,
  });

  async function open(target: WorkspaceRef): Promise<void> {
    let next: WorkspaceBackend;
    if (target.kind === 'server') {
      const probe = await probeServer(target.url);
      if (probe.fingerprint !== target.fingerprint)
        throw new FingerprintMismatch(target.fingerprint, probe.fingerprint);
      if (!probe.compatible)
        throw new Error(
          `This desktop is version ${APP_VERSION}; the workspace server runs version ${probe.version}. Install ` +
            `version ${probe.version} of LPlate back office (or ask your admin which version to use).`,
        );
      next = connectRemoteCore(parseServerUrl(target.url), target.fingerprint);
    } else {
      next = await options.openLocal(target);
    }
    unsubscribe();
    backend?.close();
    backend = next;
    current = target;
    problem = null;
    unsubscribe = next.push.subscribe((event, payload, connectionId) =>
      push.publish(event, payload, connectionId),
    );
    options.recent.remember(target);
  }

  async function desktopCall(name: string, input: unknown): Promise<Result<unknown>> {
    const spec = contract[name as 'desktop.open'];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success)
      return { ok: false, error: { code: 'validation', ...describeIssues(parsed.error.issues) } };
    try {
      if (name === 'desktop.workspaces') return { ok: true, data: state() };
      const data = parsed.data as { url?: string; target?: WorkspaceRef };
      if (name === 'desktop.probe') return { ok: true, data: await probeServer(data.url!) };
      await open(data.target!);
      return { ok: true, data: state() };
    } catch (error) {
      if (error instanceof FingerprintMismatch) return failure('forbidden', error.message);
      return failure('conflict', (error as Error).message);
    }
  }

  return {
    push,
    dispatcher: {
      call(connectionId, method, input, callOptions) {
        if (method.startsWith('desktop.') && method in contract) return desktopCall(method, input);
        if (!backend)
          return Promise.resolve(
            failure('conflict', 'No workspace is open on this desktop yet: choose one first.'),
          );
        return backend.dispatcher.call(connectionId, method, input, callOptions);
      },
      disconnect(connectionId) {
        backend?.dispatcher.disconnect(connectionId);
      },
      signedIn(connectionId) {
        return backend?.dispatcher.signedIn(connectionId) ?? false;
      },
    },
    async resume() {
      const last = options.recent.list()[0];
      if (last)
        await open(last).catch((error: Error) => {
          problem = error.message;
        });
    },
    close() {
      unsubscribe();
      backend?.close();
      backend = null;
    },
  };
}
