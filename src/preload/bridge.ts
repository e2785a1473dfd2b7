// Builds `window.lplate` from a transport, refusing names outside the contract before anything is sent.
import type { InvokeOptions, LplateBridge } from '../shared/contract/bridge';
import type { PushEventName, PushEvents } from '../shared/contract/index';
import type { Result } from '../shared/contract/define';

/** What the bridge needs from Electron: kept abstract so the bridge is tested under plain Node. */
export interface BridgeTransport {
  invoke(method: string, input: unknown, background: boolean): Promise<unknown>;
  /** Delivers the payload only (never Electron's event object); returns the unsubscribe. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface BridgeAllowList {
  methods: ReadonlySet<string>;
  events: ReadonlySet<string>;
}

function refused(code: 'validation' | 'internal', message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}

export function createBridge(transport: BridgeTransport, allow: BridgeAllowList): LplateBridge {
  const bridge: LplateBridge = {
    async invoke(method: string, input: unknown, options?: InvokeOptions): Promise<Result<unknown>> {
      if (typeof method !== 'string' || !allow.methods.has(method)) {
        return refused('validation', `"${String(method)}" is not a method of the LPlate contract.`);
      }
      try {
        return (await transport.invoke(method, input, options?.background === true)) as Result<unknown>;
      } catch {
        return refused('internal', 'The main process did not answer; restart the console if this persists.');
      }
    },
    on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
      if (typeof event !== 'string' || !allow.events.has(event)) {
        throw new Error(`"${String(event)}" is not a push event of the LPlate contract.`);
      }
      if (typeof listener !== 'function') throw new Error('on() needs a listener function.');
      const unsubscribe = transport.subscribe(event, (payload) => listener(payload as PushEvents[E]));
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        unsubscribe();
      };
    },
  };
  return Object.freeze(bridge);
}
