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

/** "1,200 / 4,000 · 240/s · 2 min left"; `compact` leaves the rate out (the top bar). */
export function jobCounts(job: JobProgress, compact = false): string {
  const counts =
    job.total !== null ? `${formatCount(job.done)} / ${formatCount(job.total)}` : formatCount(job.done);
  const rate =
    job.ratePerSecond !== null && !compact ? ` · ${formatCount(Math.round(job.ratePerSecond))}/s` : '';
  const eta = job.etaSeconds !== null ? ` · ${formatSeconds(job.etaSeconds)} left` : '';
  return `${counts}${rate}${eta}`;
}
