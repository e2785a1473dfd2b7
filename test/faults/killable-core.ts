// The console a crash test's child process runs: one Stripe write at a time, quick retries, and a SIGKILL of its own
// process at the Nth step of a write (counted from its start) when told to; `steps()` says how many it went through.
import { openSyncCore } from '../integration/sync/harness';

export async function openKillableCore(
  port: number,
  dir: string,
  killAt: number | null,
  options: Omit<Parameters<typeof openSyncCore>[1] & object, 'dir' | 'outbox'> = {},
) {
  let steps = 0;
  const sync = await openSyncCore(port, {
    ...options,
    dir,
    outbox: {
      concurrency: 1,
      retry: { baseDelayMs: 5, maxDelayMs: 50 },
      checkpoint: () => {
        steps += 1;
        if (steps === killAt) process.kill(process.pid, 'SIGKILL');
      },
    },
  });
  return Object.assign(sync, { steps: () => steps });
}
