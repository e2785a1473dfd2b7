// Which process may carry out the workspace's background writes (the Stripe outbox, resuming jobs): one at a time.
// The app or `lplate serve` holds the lease; a CLI command opened beside it leaves that work to the holder. A lease
// whose process has died (same machine, pid gone) is taken over at once; one held from another machine, once it
// has not been renewed for hours. Renewals are rare, so the workspace file stays still when idle.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Sqlite } from './open';

export interface LeaseValue {
  owner: string;
  pid: number;
  host: string;
  renewedAt: number;
}

const KEY = 'writer_lease';

/** A copy of a workspace (a backup) is held by no process: its lease is dropped so that it opens where restored. */
export function dropLease(sqlite: Sqlite): void {
  sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(KEY);
}
/** How often a process checks whether the holder died (and the holder renews). */
const CHECK_EVERY_MS = 10_000;
const RENEW_EVERY_MS = 3_600_000;
/** A lease from another machine not renewed for this long: its holder is gone. */
const STALE_AFTER_MS = 3 * RENEW_EVERY_MS;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lease as stored: who holds the workspace's background writes, or null. */
export function readLease(sqlite: Sqlite): LeaseValue | null {
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  return row ? (JSON.parse(row) as LeaseValue) : null;
}

/** A second server or desktop on a workspace another live process runs: refused, never run side by side. */
export class WorkspaceBusyError extends Error {
  override name = 'WorkspaceBusyError';
  constructor(dir: string, holder: LeaseValue) {
    super(
      `The workspace ${dir} is already open in another LPlate process (pid ${holder.pid} on ${holder.host}), ` +
        'which runs its sync, Stripe outbox and schedule. Only one may: stop that one first, or connect to it as ' +
        'a workspace server.',
    );
  }
}

export class WriterLease {
  readonly owner = randomUUID();
  private timer: ReturnType<typeof setInterval> | undefined;
  private holding = false;
  private renewedAt = 0;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly now: () => number = Date.now,
  ) {}

  get held(): boolean {
    return this.holding;
  }

  /**
   * Takes the lease now if it can, then keeps renewing it — or, while another process holds it, keeps checking
   * whether it came free. `onAcquired` runs each time this process becomes the holder, `onLost` if another took it.
   */
  start(onAcquired: () => void, onLost: () => void): void {
    const attempt = () => {
      if (!this.sqlite.open || (this.holding && this.now() - this.renewedAt < RENEW_EVERY_MS)) return;
      const was = this.holding;
      try {
        this.tryAcquire();
      } catch {
        return; // another process is writing (SQLITE_BUSY): look again at the next check
      }
      if (this.holding && !was) onAcquired();
      if (!this.holding && was) onLost();
    };
    if (this.holding) onAcquired(); // taken already when the workspace was opened exclusively
    attempt();
    this.timer = setInterval(attempt, CHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Takes the lease when it is free, stale or already ours. */
  tryAcquire(): boolean {
    const now = this.now();
    this.holding = this.sqlite
      .transaction(() => {
        const current = readLease(this.sqlite);
        const free =
          !current ||
          current.owner === this.owner ||
          (current.host === hostname() ? !alive(current.pid) : now - current.renewedAt > STALE_AFTER_MS);
        if (!free) return false;
        const value: LeaseValue = { owner: this.owner, pid: process.pid, host: hostname(), renewedAt: now };
        this.sqlite
          .prepare(
            `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, ?)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(KEY, JSON.stringify(value), now);
        return true;
      })
      .immediate();
    if (this.holding) this.renewedAt = now;
    return this.holding;
  }

  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.holding || !this.sqlite.open) return;
    this.holding = false;
    this.sqlite
      .prepare("DELETE FROM sync_state WHERE key = ? AND json_extract(value, '$.owner') = ?")
      .run(KEY, this.owner);
  }
}
