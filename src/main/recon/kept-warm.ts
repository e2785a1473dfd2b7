// Keeps the reconciliation's Stripe read warm: a background job brings the kept read (stripe-kept.ts) up to date over
// a rolling span, from the start of last month to the end of this one (London), every few minutes while Stripe is
// connected, so a month-end run of last month, or of any period inside the span, reads only Stripe's changes. Once a
// month is over, its payment checks are proven here too, and each refresh proves the ledger's invariants again where
// something changed, so a month-end run checks only what changes after.
import type { ReconKeptRead } from '../../shared/contract/recon';
import { addDays, formatInstant, londonDate, londonMidnight } from '../../shared/dates';
import type { CoreServices } from '../api/context';
import { JobCancelled, type Job } from '../jobs/job';
import type { StripeGateway } from '../stripe/gateway';
import { syncEngineOf } from '../sync/registry';
import { readState } from '../sync/state';
import type { Span } from './period';
import { RECON_JOB } from './run-job';
import { paymentChecks } from './checks';
import { isProven, provenPaymentChecks } from './payment-proof';
import { provenInvariants } from './invariant-proof';
import { keptHeader, readStripe, refreshKept, type Refreshed } from './stripe-kept';
import type { OnPage } from './stripe-side';

export const KEPT_JOB = 'recon-kept-read';
/** How often the lease holder looks whether a refresh is due. */
const TICK_EVERY_MS = 60_000;
/**
 * A refresh starts at most this often: a month-end run then reads at most a few minutes of Stripe's changes, and
 * an idle refresh costs two requests (a page of events and the balance), under 600 a day.
 */
export const REFRESH_EVERY_MS = 5 * 60_000;
const PART = 'Stripe objects read';

type Services = Pick<CoreServices, 'sqlite' | 'clock' | 'jobs' | 'writer' | 'workspace' | 'projection'>;

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** From London midnight of the first of last month to London midnight of the first of next month. */
export function rollingSpan(now: number): Span {
  const thisMonth = firstOfMonth(londonDate(now));
  return {
    start: londonMidnight(firstOfMonth(addDays(thisMonth, -1))),
    end: londonMidnight(firstOfMonth(addDays(thisMonth, 31))),
  };
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

function doneLine(read: Refreshed, span: Span): string {
  const days = `${londonDate(span.start)} – ${londonDate(span.end - 1)}`;
  if (!read.kept)
    return 'A run kept its own read of Stripe meanwhile: the next refresh brings it up to date.';
  if (read.changesSince === null)
    return `Stripe read whole for ${days}: ${plural(read.objects, 'object')} kept.`;
  return `Kept read of ${days} brought up to date: ${plural(read.objects, 'object')} changed since ${formatInstant(read.changesSince)}.`;
}

/** The refresh on its schedule; only the process holding the writer lease runs it (started with the lease). */
export class KeptReadRefresh {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Job | null = null;
  private lastStartedAt = -Infinity;

  constructor(
    private readonly services: Services,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  /** Starts looking at the clock; the first refresh comes an interval later, once the console's first sync is done. */
  start(): void {
    this.stop();
    this.lastStartedAt = this.services.clock.now();
    this.timer = setInterval(() => {
      try {
        this.tick();
      } catch (error) {
        this.log('The Stripe read for reconciliation could not be refreshed', error);
      }
    }, TICK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.running?.cancel();
  }

  /**
   * Starts a refresh when one is due; returns its job id, or null. Not due: Stripe not connected, the sync's first
   * pass not done or a pass running (they share Stripe's rate limit), a reconciliation run or a refresh running
   * (they hold the kept read), or the last refresh started less than REFRESH_EVERY_MS ago.
   */
  tick(): string | null {
    const { sqlite, clock, jobs, writer } = this.services;
    if (!sqlite.open || !writer.held || this.running) return null;
    if (clock.now() - this.lastStartedAt < REFRESH_EVERY_MS) return null;
    const sync = syncEngineOf(sqlite);
    const gateway = sync.connectedGateway();
    if (!gateway || readState(sqlite, 'last_sync_at') === null || sync.job()?.state === 'running')
      return null;
    if (jobs.list({ state: 'active', kind: RECON_JOB, limit: 1 }).length > 0) return null;
    return this.refresh(gateway).id;
  }

  private refresh(gateway: StripeGateway): Job {
    const { sqlite, clock, jobs } = this.services;
    this.lastStartedAt = clock.now();
    const span = rollingSpan(clock.now());
    const job = jobs.create({ kind: KEPT_JOB, title: 'Keep the Stripe read for reconciliation', by: null });
    this.running = job;
    let pages = 0;
    void jobs
      .start(job, async (j) => {
        j.part(PART);
        let step = 'Reading Stripe';
        let cancelled = 'Cancelled: the kept read was left as it was.';
        try {
          const onPage = (objects: number, endpoint: string) => {
            j.throwIfCancelled(cancelled);
            pages += 1;
            j.count(PART, objects, `${step}: ${plural(pages, 'page')} (${endpoint})…`);
          };
          const read = await refreshKept(sqlite, gateway, span, onPage);
          if (!read.kept) return doneLine(read, span);
          const lastMonth = this.unprovenLastMonth(span);
          let proved = '';
          if (lastMonth) {
            step = 'Checking last month’s payments';
            cancelled =
              'Cancelled after the kept read was brought up to date: last month’s payments were not checked ahead, so its run checks them all.';
            j.count(PART, 0, `${step}…`);
            proved = await this.proveLastMonth(gateway, lastMonth, onPage);
          }
          this.proveLedger();
          return `${doneLine(read, span)}${proved}`;
        } catch (error) {
          if (error instanceof JobCancelled) throw error;
          throw new Error(
            `Stripe could not be read, so the kept read was left as it was: ${(error as Error).message.replace(/\.$/, '')}. ` +
              `It is tried again within ${REFRESH_EVERY_MS / 60_000} minutes, and a run meanwhile reads Stripe itself. ` +
              'If it keeps failing, check the connection under Settings → Stripe.',
          );
        }
      })
      .finally(() => (this.running = null));
    return job;
  }

  /**
   * Proves the ledger's invariants again where something changed since the last proof (invariant-proof.ts), so a run
   * proves only what changed after this refresh. What it finds is not kept: a run finds it again and shows it.
   */
  private proveLedger(): void {
    const { projection, sqlite, clock } = this.services;
    try {
      provenInvariants(projection, sqlite, clock.now());
    } catch (error) {
      // The read is kept either way; the next run proves the invariants itself.
      this.log('The ledger could not be checked ahead of reconciliation', error);
    }
  }

  /**
   * Last month, unless its payment checks are already proven against the kept read (by a run of it, or an earlier
   * refresh): its month-end run then checks only the payments that changed since (payment-proof.ts).
   */
  private unprovenLastMonth(span: Span): Span | null {
    const { sqlite, clock } = this.services;
    const lastMonth = { start: span.start, end: londonMidnight(firstOfMonth(londonDate(clock.now()))) };
    return isProven(sqlite, lastMonth) ? null : lastMonth;
  }

  /**
   * Proves last month's payment checks against the kept read. The side is a read of Stripe's changes since the
   * refresh, a few requests; what the check finds is only noted, for that run.
   */
  private async proveLastMonth(gateway: StripeGateway, lastMonth: Span, onPage: OnPage): Promise<string> {
    const { sqlite, workspace } = this.services;
    try {
      const { side } = await readStripe(sqlite, gateway, lastMonth, onPage);
      provenPaymentChecks(sqlite, lastMonth, side, (only) =>
        paymentChecks(sqlite, workspace.mode, lastMonth, side, only),
      );
      return ' Last month’s payments were checked: its run checks again only what changes.';
    } catch (error) {
      // The kept read is up to date either way; without the proof, last month's run checks all its payments.
      if (error instanceof JobCancelled) throw error;
      return ` Last month’s payments could not be checked ahead (${(error as Error).message.replace(/\.$/, '')}): its run checks them all.`;
    }
  }
}

/** How fresh the kept read is, and how its latest refresh ended, for the Reconciliation page. */
export function keptReadStatus(services: Pick<CoreServices, 'sqlite' | 'jobs'>): ReconKeptRead {
  const { sqlite, jobs } = services;
  const header = keptHeader(sqlite);
  const last = jobs.list({ state: 'all', kind: KEPT_JOB, limit: 1 })[0];
  return {
    kept: header
      ? {
          from: londonDate(header.spanStart),
          to: londonDate(header.spanEnd - 1),
          upTo: header.endedAt * 1000,
          background: header.background,
        }
      : null,
    refresh: last
      ? {
          jobId: last.jobId,
          state: last.state,
          message: last.message,
          at: last.finishedAt ?? last.createdAt,
        }
      : null,
    connected: syncEngineOf(sqlite).connected,
    everyMinutes: REFRESH_EVERY_MS / 60_000,
  };
}
