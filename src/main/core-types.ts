// What a transport (Electron IPC, the HTTP host, the CLI) needs from the core, and the whole core's shape.
import type { PushEventName, Result } from '../shared/contract';
import type { CoreServices } from './api/context';
import type { PushBus } from './api/push-bus';
import type { RunningSimulator } from './simulator/index';
import type { SyncEngine } from './sync/engine';
import type { ExportFiles } from './exports/files';
import type { PayoutSchedule } from './payouts/schedule';
import type { KeptReadRefresh } from './recon/kept-warm';
import type { WarmResult } from './db/warm-file';

export interface CallOptions {
  /**
   * A refresh the operator did not ask for (a poll, a screen reloading after a push): it is answered, and an idle
   * or expired session is still ended, but it does not count as activity for the idle lock.
   */
  background?: boolean;
  /** Where the call comes from (an address and client), when the transport knows better than the connection id. */
  from?: string;
}

/** Every caller is a connection: one Electron window, one browser session of the host, one CLI run. */
export interface Dispatcher {
  call(connectionId: string, method: string, input: unknown, options?: CallOptions): Promise<Result<unknown>>;
  /** Forgets a connection's session (window closed, tab gone). */
  disconnect(connectionId: string): void;
  /** Whether an operator is signed in (and not locked) on the connection. */
  signedIn(connectionId: string): boolean;
  /** The id main issued to the session on a connection (the HTTP host keeps it in a cookie), or null. */
  sessionIdOf(connectionId: string): string | null;
  /** The connection a presented session id was issued to, or null when main does not know it (any more). */
  connectionOf(sessionId: string): string | null;
}

/** Job progress names operators, codes and Stripe ids: it goes only to connections with someone signed in. */
export const forSignedInOnly = (event: PushEventName) => event === 'progress';

/** An open workspace as the desktop's shell holds it: a core on this computer, or a workspace server's remote core. */
export interface WorkspaceBackend {
  dispatcher: Pick<Dispatcher, 'call' | 'disconnect' | 'signedIn'>;
  push: PushBus;
  close(): void;
}

/** What Electron's main and the HTTP host hold on to. */
export interface CoreHandle {
  dispatcher: Dispatcher;
  push: PushBus;
  /** Finished exports waiting for their download (the host serves them). */
  files: ExportFiles;
  workspaceDir: string;
  close(): void;
}

/** The core of one open workspace, as `createCore` returns it. */
export type Core = CoreHandle & {
  services: CoreServices;
  sync: SyncEngine;
  simulator: RunningSimulator | null;
  /** Payout runs on the admin's schedule (ticks on its own while this process holds the writer lease). */
  schedule: PayoutSchedule;
  /** Keeps reconciliation's Stripe read warm (ticks on its own while this process holds the writer lease and syncs). */
  keptRead: KeptReadRefresh;
  /** The database file read once into the system's file cache after opening (db/warm-file.ts). */
  fileCacheWarmed: Promise<WarmResult>;
};
