// Friday payout runs on the admin's schedule: at the policy's weekday and time (Europe/London) the process holding
// the workspace's writer lease prepares that Friday's run for finance to approve, and executes it only when the
// auto-execution policy allows it and every check passes. One run per Friday whatever happens: a firing already
// done (or a run already there, prepared by a person) is never prepared again; a firing missed while the console was
// closed is caught up once, on the next tick.
import type { PayoutPreview, ScheduleFiring } from '../../shared/contract/payouts';
import { formatDay, londonDate } from '../../shared/dates';
import { formatPence } from '../../shared/money';
import { lastOccurrence, nextOccurrence } from '../../shared/payout-schedule';
import type { CoreServices } from '../api/context';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import { readState, writeState } from '../sync/state';
import { executeRun, runRecord } from './execute';
import { currentPolicy } from './policy';
import { prepareRun } from './prepare';
import { previewRun } from './preview';

type Services = Pick<CoreServices, 'sqlite' | 'clock' | 'jobs' | 'outbox' | 'writer'>;

/** How often the holder looks at the clock: a firing happens within a minute of its time. */
const TICK_EVERY_MS = 60_000;

/** The schedule as the Payouts page shows it. */
export function scheduleStatus(sqlite: Sqlite, now: number) {
  const policy = currentPolicy(sqlite);
  const next = policy.autoPrepare ? nextOccurrence(policy, now) : null;
  return {
    policy,
    next: next ? { at: next.at, friday: next.friday } : null,
    last: readState(sqlite, 'payout_schedule')?.last ?? null,
  };
}

/** Why a prepared run may not be executed without a person, in words (none: it may). */
export function autoExecuteRefusals(
  preview: PayoutPreview,
  limitPence: number | null,
  today: string,
  connected: boolean,
): string[] {
  if (limitPence === null) return ['Auto-execution is off: finance approves every run.'];
  const why: string[] = [];
  if (preview.totals.ready === 0) why.push('Nobody is ready to be paid.');
  if (preview.totals.readyPence > limitPence)
    why.push(
      `The total (${formatPence(preview.totals.readyPence)}) is over the auto-execution limit (${formatPence(limitPence)}).`,
    );
  if (today < preview.date)
    why.push(`It is before ${formatDay(preview.date)}: nothing is paid before its Friday.`);
  if (!connected) why.push('Stripe is not connected.');
  if (preview.balanceWarning) why.push(preview.balanceWarning);
  return why;
}

export class PayoutSchedule {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly services: Services,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  /** Starts looking at the clock (the writer lease's holder calls this when it takes the lease). */
  start(): void {
    this.stop();
    this.timer = setInterval(() => this.safeTick(), TICK_EVERY_MS);
    this.timer.unref();
    queueMicrotask(() => this.safeTick());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private safeTick(): void {
    try {
      this.tick();
    } catch (error) {
      this.log('The payout schedule could not prepare its run', error);
    }
  }

  /**
   * Fires when a firing is due and not yet done; returns what it did (null: nothing to do). Only the writer lease's
   * holder fires, so two processes never both prepare.
   */
  tick(): ScheduleFiring | null {
    const { sqlite, clock, writer } = this.services;
    if (!sqlite.open || !writer.held) return null;
    const now = clock.now();
    const policy = currentPolicy(sqlite);
    if (!policy.autoPrepare) return null;
    const fired = sqlite
      .transaction((): ScheduleFiring | null => {
        const state = readState(sqlite, 'payout_schedule');
        if (!state) {
          // The first look in this workspace: firings before it were never the schedule's to make.
          writeState(sqlite, 'payout_schedule', { armedAt: now, last: null }, now);
          return null;
        }
        const due = lastOccurrence(policy, now);
        // Done already (or a later Friday is: a policy moved to an earlier weekday never fires an old Friday again).
        if (due.at < state.armedAt || (state.last && due.friday <= state.last.friday)) return null;
        const firing = this.prepare(due.friday, now);
        writeState(sqlite, 'payout_schedule', { armedAt: state.armedAt, last: firing }, now);
        appendAudit(sqlite, {
          entityType: 'payout_schedule',
          entityId: due.friday,
          action: 'fired',
          newValues: { payout_date: due.friday, run_id: firing.runId, outcome: firing.outcome },
          userId: null,
          actor: 'system',
          createdAt: now,
        });
        return firing;
      })
      .immediate();
    return fired && fired.outcome === 'prepared'
      ? this.executeIfAllowed(fired, policy.autoExecuteLimitPence)
      : fired;
  }

  /** Prepares the Friday's run unless one is there (a person prepared it, or a firing before a crash did). */
  private prepare(friday: string, now: number): ScheduleFiring {
    const { sqlite } = this.services;
    const existing = sqlite
      .prepare('SELECT id FROM payout_runs WHERE payout_date = ?')
      .pluck()
      .get(friday) as string | undefined;
    if (existing) return { friday, at: now, runId: existing, outcome: 'existing', notExecuted: [] };
    if (previewRun(sqlite, friday).rows.length === 0)
      return { friday, at: now, runId: null, outcome: 'empty', notExecuted: [] };
    const runId = prepareRun(sqlite, friday, { id: null, source: 'schedule' }, now);
    return { friday, at: now, runId, outcome: 'prepared', notExecuted: [] };
  }

  /** Executes a run the schedule just prepared when the policy allows it and every check passes; else says why. */
  private executeIfAllowed(firing: ScheduleFiring, limitPence: number | null): ScheduleFiring {
    const { sqlite, clock, outbox } = this.services;
    const now = clock.now();
    const preview = previewRun(sqlite, firing.friday);
    let notExecuted = autoExecuteRefusals(preview, limitPence, londonDate(now), outbox.connection() !== null);
    let outcome: ScheduleFiring['outcome'] = 'prepared';
    if (notExecuted.length === 0)
      try {
        const run = runRecord(sqlite, firing.runId!);
        executeRun(this.services, { runId: run.id, totalPence: run.totalPence, count: run.ready }, null);
        outcome = 'executed';
      } catch (error) {
        notExecuted = [`Executing it failed: ${(error as Error).message}`];
      }
    const done = { ...firing, outcome, notExecuted };
    sqlite
      .transaction(() => {
        const state = readState(sqlite, 'payout_schedule')!;
        writeState(sqlite, 'payout_schedule', { ...state, last: done }, now);
        if (limitPence !== null && outcome !== 'executed')
          appendAudit(sqlite, {
            entityType: 'payout_run',
            entityId: firing.runId!,
            action: 'auto_execute_refused',
            newValues: { payout_date: firing.friday, reasons: notExecuted },
            userId: null,
            actor: 'system',
            createdAt: now,
          });
      })
      .immediate();
    return done;
  }
}
