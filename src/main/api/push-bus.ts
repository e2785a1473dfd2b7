// In-process fan-out of push events (`changed`, `session`) to whichever transports are listening.
import type { PushEventName, PushEvents } from '../../shared/contract';

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

/** A failing listener (a closed window, a dropped stream) never stops the others or the code that published. */
export function createPushBus(
  log: (message: string, error: unknown) => void = (message, error) => console.error(message, error),
): PushBus {
  const listeners = new Set<PushListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event, payload, connectionId) {
      for (const listener of listeners)
        try {
          listener(event, payload, connectionId);
        } catch (error) {
          log(`A listener of ${event} events failed`, error);
        }
    },
  };
}
