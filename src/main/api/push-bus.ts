// In-process fan-out of push events (`changed`, `session`) to whichever transports are listening.
import type { PushBus, PushListener } from '../core-types';

export function createPushBus(): PushBus {
  const listeners = new Set<PushListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event, payload, connectionId) {
      for (const listener of listeners) listener(event, payload, connectionId);
    },
  };
}
