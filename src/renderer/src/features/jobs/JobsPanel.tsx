// Every long job of the workspace: running ones with progress and Cancel, finished ones with how each item ended
// (a Stripe write's id, or Stripe's refusal in plain words).
import { useState } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { JobItem, JobProgress, Role } from '@shared/contract';
import { apiErrorOf, canAccess, useMutationMethod } from '../../lib/api';
import {
  Badge,
  DateTime,
  Drawer,
  EmptyState,
  ErrorState,
  Id,
  Skeleton,
  useToast,
  type BadgeTone,
} from '../../components/ui';
import { jobCounts, ProgressBar } from './JobProgressBar';
import { SettleWriteDialog } from './SettleWriteDialog';
import { isActive } from './useJobs';

const STATE: Record<JobProgress['state'], [BadgeTone, string]> = {
  queued: ['blue', 'Queued'],
  running: ['blue', 'Running'],
  done: ['green', 'Done'],
  failed: ['red', 'Failed'],
  cancelled: ['grey', 'Cancelled'],
  interrupted: ['amber', 'Interrupted'],
};

const ITEM: Record<JobItem['state'], [BadgeTone, string]> = {
  pending: ['amber', 'Not sent yet'],
  sent: ['blue', 'Sent'],
  unknown: ['amber', 'Unconfirmed'],
  succeeded: ['green', 'Done'],
  failed: ['red', 'Refused'],
  canceled: ['grey', 'Cancelled'],
};

/** Routine sync passes that went well are not worth a line among the jobs people started. */
const routine = (job: JobProgress) => job.kind === 'sync' && job.state === 'done';

export function JobsPanel({
  jobs,
  list,
  role,
  onClose,
}: {
  jobs: JobProgress[];
  list: UseQueryResult<unknown>;
  role: Role;
  onClose: () => void;
}) {
  const [showRoutine, setShowRoutine] = useState(false);
  const running = jobs.filter(isActive);
  const finished = jobs.filter((j) => !isActive(j) && (showRoutine || !routine(j)));
  return (
    <Drawer open title="Jobs" subtitle="Long work the console does in the background" onClose={onClose}>
      {list.isError ? (
        <ErrorState error={apiErrorOf(list.error)!} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <Skeleton lines={4} />
      ) : (
        <>
          <section className="drawer-section" aria-label="Running jobs">
            <h3 className="drawer-section__title">Running</h3>
            {running.length === 0 ? (
              <p className="muted">Nothing is running.</p>
            ) : (
              <ul className="job-list">
                {running.map((job) => (
                  <JobCard key={job.jobId} job={job} role={role} />
                ))}
              </ul>
            )}
          </section>
          <section className="drawer-section" aria-label="Finished jobs">
            <h3 className="drawer-section__title">Finished</h3>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={showRoutine}
                onChange={(e) => setShowRoutine(e.target.checked)}
              />
              <span>Show routine sync passes</span>
            </label>
            {finished.length === 0 ? (
              <EmptyState title="No finished jobs yet">
                Backfills, Stripe writes and other long work appear here with how they ended.
              </EmptyState>
            ) : (
              <ul className="job-list">
                {finished.map((job) => (
                  <JobCard key={job.jobId} job={job} role={role} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Drawer>
  );
}

function JobCard({ job, role }: { job: JobProgress; role: Role }) {
  const toast = useToast();
  const cancel = useMutationMethod('jobs.cancel', {
    onSuccess: () => toast(`Cancelling “${job.title}”…`, 'info'),
    onError: (e) => toast(`Could not cancel: ${e.message}`, 'error'),
  });
  const [settling, setSettling] = useState<JobItem | null>(null);
  const [tone, word] = STATE[job.state];
  const active = isActive(job);
  // A write left unconfirmed once its job ended waits for sync, or for a person who looked in Stripe.
  const canSettle = (item: JobItem) =>
    !active && item.state === 'unknown' && item.writeId !== null && canAccess('jobs.settleWrite', role);
  return (
    <li className="job-card" aria-label={job.title}>
      <div className="job-card__head">
        <strong>{job.title}</strong>
        <Badge tone={tone}>{word}</Badge>
      </div>
      <div className="muted job-card__meta">
        {job.startedBy ? `by ${job.startedBy}` : 'by the console'} · <DateTime ms={job.createdAt} />
      </div>
      {active ? (
        <>
          <ProgressBar done={job.done} total={job.total} label={`${job.title} progress`} />
          <div className="job-card__counts muted">{jobCounts(job)}</div>
        </>
      ) : null}
      {job.message ? (
        <div className={`job-card__message${job.state === 'failed' ? ' job-card__message--failed' : ''}`}>
          {job.message}
        </div>
      ) : null}
      {job.current ? <div className="muted">Now: {job.current}</div> : null}
      {job.items.length > 0 ? (
        <ul className="plain-list job-items">
          {job.items.map((item, i) => (
            <li key={i} className="job-items__row">
              <Badge tone={ITEM[item.state][0]}>{ITEM[item.state][1]}</Badge>
              <span>{item.label}</span>
              {item.stripeId ? <Id value={item.stripeId} label="Stripe object" /> : null}
              {item.detail && item.state !== 'succeeded' ? (
                <div className="job-items__detail">{item.detail}</div>
              ) : null}
              {canSettle(item) ? (
                <button
                  type="button"
                  className="button button--small job-items__action"
                  onClick={() => setSettling(item)}
                >
                  Settle…
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {job.cancellable && canAccess('jobs.cancel', role) ? (
        <button
          type="button"
          className="button button--small"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate({ jobId: job.jobId })}
        >
          Cancel
        </button>
      ) : null}
      {settling ? <SettleWriteDialog item={settling} onClose={() => setSettling(null)} /> : null}
    </li>
  );
}
