// What a transport (Electron IPC, the HTTP host, the CLI) needs from the core: a dispatcher and a push bus.
import type { PushEventName, PushEvents, Result } from '../shared/contract';

/** Every caller is a connection: one Electron window, one browser tab of the host, one CLI run. */
export interface Dispatcher {
  call(connectionId: string, method: string, input: unknown): Promise<Result<unknown>>;
  /** Forgets a connection's session (window closed, tab gone). */
  disconnect(connectionId: string): void;
}

/** A push to every connection, or to one (`connectionId`) when the event concerns only it. */
export type PushListener = <E extends PushEventName>(
  event: E,
  payload: PushEvents[E],
  connectionId?: string,
) => void;

export interface PushBus {
  subscribe(listener: PushListener): () => void;
  publish<E extends PushEventName>(event: E, payload: PushEvents[E], connectionId?: string): void;
}

/** What Electron's main and the HTTP host hold on to. */
export interface CoreHandle {
  dispatcher: Dispatcher;
  push: PushBus;
  workspaceDir: string;
  close(): void;
}
