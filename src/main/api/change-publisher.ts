// Turns commits into `changed { tables }` pushes: the first at once, then at most one per interval with every table
// written meanwhile, so a backfill committing many times a second refreshes open pages a few times, not hundreds.
import type { PushBus } from './push-bus';

export interface ChangePublisher {
  add(tables: readonly string[]): void;
  stop(): void;
}

export function createChangePublisher(push: PushBus, intervalMs = 300): ChangePublisher {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    push.publish('changed', { tables: [...pending].sort() });
    pending.clear();
  };
  const tick = () => {
    if (pending.size === 0) {
      timer = undefined;
      return;
    }
    publish();
    timer = setTimeout(tick, intervalMs);
    timer.unref?.();
  };
  return {
    add(tables) {
      for (const t of tables) pending.add(t);
      if (timer === undefined) tick();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
