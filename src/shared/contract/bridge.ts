// The one surface the renderer has on main: `window.lplate` (Electron preload) or its HTTP twin (headless host).
import type { Result } from './define';
import type { PushEventName, PushEvents } from './index';

export interface InvokeOptions {
  /**
   * A refresh the operator did not ask for (a poll, or data on screen reloading after a push): it does not keep the
   * session awake, so the idle lock measures the operator, not the screens.
   */
  background?: boolean;
}

export interface LplateBridge {
  /** Calls a contract method; never throws for an application error, which comes back as `{ ok: false }`. */
  invoke(method: string, input: unknown, options?: InvokeOptions): Promise<Result<unknown>>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
  /** The headless host's finished export at `url` (a job's `file.url`); the app saves files itself and has none. */
  download?(url: string): Promise<Blob>;
}

/** IPC channel names used by the preload and main. */
export const IPC_INVOKE_CHANNEL = 'lplate:invoke';
export const IPC_EVENT_CHANNEL_PREFIX = 'lplate:event:';
