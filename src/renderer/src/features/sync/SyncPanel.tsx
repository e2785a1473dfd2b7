// The sync panel: connection, unreadable resources, the running job per object type, and every open error with what to do.
import type { JobProgress, Role } from '@shared/contract';
import type { SyncStatus } from '@shared/contract/sync';
import { apiErrorOf, canAccess, useMutationMethod, useQueryMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { Badge, DateTime, Drawer, EmptyState, ErrorState, Id, Skeleton, useToast } from '../../components/ui';
import { jobCounts } from '../jobs/JobProgressBar';
import { JobParts, KeyAccess } from './KeyAccess';

export function SyncPanel({
  status: s,
  job,
  role,
  onClose,
}: {
  status: SyncStatus;
  job: JobProgress | null;
  role: Role;
  onClose: () => void;
}) {
  const errors = useQueryMethod('sync.errors', { pageSize: 50 });
  const toast = useToast();
  const run = useMutationMethod('sync.run', {
    onSuccess: () => toast('Backfill started.', 'info'),
    onError: (e) => toast(`Backfill did not start: ${e.message}`, 'error'),
  });
  const cancel = useMutationMethod('jobs.cancel', {
    onError: (e) => toast(`Could not cancel: ${e.message}`, 'error'),
  });
  const mayRun = canAccess('sync.run', role);

  return (
    <Drawer open title="Stripe sync" subtitle={s.account?.name ?? s.account?.id} onClose={onClose}>
      <dl className="details">
        <dt>Account</dt>
        <dd>
          {s.account ? <Id value={s.account.id} label="Stripe account" /> : <span className="muted">—</span>}
        </dd>
        <dt>Mode</dt>
        <dd>
          <Badge tone={s.mode === 'live' ? 'green' : 'amber'}>{s.mode ?? 'unknown'}</Badge>
          {s.keyLast4 ? <span className="muted"> key …{s.keyLast4}</span> : null}
        </dd>
        <dt>Last sync</dt>
        <dd>
          <DateTime ms={s.lastSyncAt} empty="Never" />
        </dd>
        <dt>Last event</dt>
        <dd>
          <DateTime ms={s.lastEventAt} empty="None yet" />
        </dd>
        <dt>Polling</dt>
        <dd>every {s.pollIntervalSeconds} s</dd>
        {s.healedByBackfillAt ? (
          <>
            <dt>Healed</dt>
            <dd>
              The console was closed longer than Stripe keeps events; it re-listed everything at{' '}
              <DateTime ms={s.healedByBackfillAt} />.
            </dd>
          </>
        ) : null}
      </dl>

      <KeyAccess status={s} Title="h3" />

      <section className="drawer-section" aria-label="Running job">
        <h3 className="drawer-section__title">Running job</h3>
        {job ? (
          <>
            <p>
              {job.message || job.kind} <span className="muted">{jobCounts(job)}</span>
            </p>
            <JobParts job={job} />
            {job.cancellable && canAccess('jobs.cancel', role) ? (
              <button type="button" className="button" onClick={() => cancel.mutate({ jobId: job.jobId })}>
                Cancel job
              </button>
            ) : null}
          </>
        ) : (
          <p className="muted">
            Nothing running. Sync polls Stripe every {s.pollIntervalSeconds} s on its own.
          </p>
        )}
        {mayRun && !job ? (
          <button type="button" className="button" onClick={() => run.mutate({ backfill: true })}>
            Run a full backfill
          </button>
        ) : null}
      </section>

      <section className="drawer-section" aria-label="Sync errors">
        <h3 className="drawer-section__title">Open errors ({formatCount(s.openErrors)})</h3>
        {errors.isError ? (
          <ErrorState error={apiErrorOf(errors.error)!} onRetry={() => void errors.refetch()} />
        ) : !errors.data ? (
          <Skeleton lines={4} />
        ) : errors.data.rows.length === 0 ? (
          <EmptyState title="No open errors">Everything sync has read was applied.</EmptyState>
        ) : (
          <ul className="sync-error-list">
            {errors.data.rows.map((e) => (
              <li key={e.id} className="sync-error">
                <div className="sync-error__head">
                  <Badge tone="red">{e.code}</Badge>
                  {e.objectId ? <Id value={e.objectId} label="Stripe object" /> : null}
                  <span className="muted">
                    ×{e.occurrences} · last <DateTime ms={e.lastSeenAt} />
                  </span>
                </div>
                <div>{e.message}</div>
                <div className="sync-error__hint">
                  <strong>What to do:</strong> {e.hint}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Drawer>
  );
}
