// Slows repeated failed sign-ins: after 3 failures each further try waits 1 s, 2 s, 4 s … up to a minute.
const FREE_TRIES = 3;
const MAX_WAIT_MS = 60_000;

export function waitAfterFailures(failures: number): number {
  if (failures < FREE_TRIES) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_TRIES), MAX_WAIT_MS);
}

/** Milliseconds left before another try is allowed (0 = go ahead). */
export function retryInMs(failures: number, lastFailedAt: number | null, now: number): number {
  if (lastFailedAt === null) return 0;
  return Math.max(0, lastFailedAt + waitAfterFailures(failures) - now);
}

/** Failures for usernames that do not exist, kept in memory so unknown and known names behave alike. */
export class UnknownNameFailures {
  private readonly failures = new Map<string, { count: number; last: number }>();
  record(username: string, now: number): void {
    const entry = this.failures.get(username) ?? { count: 0, last: now };
    this.failures.set(username, { count: entry.count + 1, last: now });
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }
  get(username: string): { count: number; last: number | null } {
    const entry = this.failures.get(username);
    return entry ? { count: entry.count, last: entry.last } : { count: 0, last: null };
  }
}
