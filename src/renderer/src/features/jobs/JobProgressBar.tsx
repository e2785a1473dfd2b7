// A long job's progress: a bar (indeterminate when the total is unknown), counts, rate and time left.
import type { JobProgress } from '@shared/contract';
import { formatCount } from '../../lib/format';
import { formatSeconds } from '../sync/time';

export function ProgressBar({ done, total, label }: { done: number; total: number | null; label: string }) {
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.floor((done * 100) / total)) : undefined;
  // Unknown total: moving while items arrive, still while the part has not started.
  const mode = known ? '' : done > 0 ? ' progress--indeterminate' : ' progress--idle';
  return (
    <div
      className={`progress${mode}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? total : undefined}
      aria-valuenow={known ? done : undefined}
    >
      <div className="progress__fill" style={known ? { width: `${percent}%` } : undefined} />
    </div>
  );
}

/**
 * The part of a job in several parts that is being worked on: the last one started and not finished, else the first
 * not finished (null when the job has one part, or all are done).
 */
function activePart(job: JobProgress): JobProgress['parts'][number] | null {
  if (job.parts.length < 2) return null;
  const open = job.parts.filter((p) => p.total === null || p.done < p.total);
  return open.findLast((p) => p.done > 0) ?? open[0] ?? null;
}

/**
 * "1,200 / 4,000 · 240/s · 2 min left"; `compact` leaves the rate out (the top bar). A job in parts names the part
 * it is on, with that part's own counts ("Stripe objects read · 3,400 · 240/s", "Checks · 5 of 9"): the parts count
 * different things, so their sum means nothing to a reader.
 */
export function jobCounts(job: JobProgress, compact = false): string {
  const part = activePart(job);
  const rate =
    job.ratePerSecond !== null && !compact && (part === null || part.total === null)
      ? ` · ${formatCount(Math.round(job.ratePerSecond))}/s`
      : '';
  const eta = job.etaSeconds !== null ? ` · ${formatSeconds(job.etaSeconds)} left` : '';
  if (part)
    return `${part.name} · ${formatCount(part.done)}${part.total !== null ? ` of ${formatCount(part.total)}` : ''}${rate}${eta}`;
  const counts =
    job.total !== null ? `${formatCount(job.done)} / ${formatCount(job.total)}` : formatCount(job.done);
  return `${counts}${rate}${eta}`;
}
