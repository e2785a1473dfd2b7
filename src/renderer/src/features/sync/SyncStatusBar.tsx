// The top bar's sync slot: account and mode, last sync and lag, the running job with progress, errors in red, "Sync now".
import type { Role } from '@shared/contract';
import { canAccess, useMutationMethod } from '../../lib/api';
import { useRouteParams } from '../../lib/router';
import { useToast } from '../../components/ui';
import { formatCount } from '../../lib/format';
import { jobCounts, ProgressBar } from '../jobs/JobProgressBar';
import { SyncPanel } from './SyncPanel';
import { relativeTime, useNow } from './time';
import { useSync } from './useSync';

const MODE: Record<string, string> = { demo: 'Demo', test: 'Test', live: 'Live' };

export function SyncStatusBar({ role }: { role: Role }) {
  const { status, job } = useSync();
  const now = useNow();
  const [params, setParams] = useRouteParams();
  const toast = useToast();
  const run = useMutationMethod('sync.run', {
    onSuccess: () => toast('Sync started.', 'info'),
    onError: (e) => toast(`Sync did not start: ${e.message}`, 'error'),
  });
  const s = status.data;
  const panelOpen = params.get('sync') === 'open';

  if (!s || !s.connected) {
    return (
      <div className="topbar__sync" role="status" aria-label="Sync status">
        <span className="sync-dot" aria-hidden="true" />
        Stripe not connected
      </div>
    );
  }

  const openPanel = () => setParams({ sync: 'open' });
  return (
    <>
      <div className="topbar__sync" role="status" aria-label="Sync status">
        <button type="button" className="sync-summary" onClick={openPanel} title="Open the sync panel">
          <span
            className={`sync-dot sync-dot--${job ? 'running' : s.openErrors ? 'error' : 'ok'}`}
            aria-hidden="true"
          />
          <span className="sync-summary__account">
            {s.mode ? MODE[s.mode] : 'Stripe'} · {s.account?.name ?? s.account?.id ?? 'Stripe account'}
          </span>
          {job ? null : (
            <span className="muted sync-summary__recency">
              {s.lastSyncAt ? `Synced ${relativeTime(s.lastSyncAt, now)}` : 'Not synced yet'}
              {s.lastEventAt ? ` · last event ${relativeTime(s.lastEventAt, now)}` : ''}
              {s.lagSeconds !== null ? ` · lag ${s.lagSeconds} s` : ''}
            </span>
          )}
        </button>
        {job ? (
          <div className="sync-job" data-testid="sync-job">
            <span className="sync-job__label">{job.message || job.kind}</span>
            <ProgressBar done={job.done} total={job.total} label={`${job.kind} progress`} />
            <span className="sync-job__counts">{jobCounts(job, true)}</span>
          </div>
        ) : null}
        {s.openErrors > 0 ? (
          <button type="button" className="sync-errors" onClick={openPanel}>
            {formatCount(s.openErrors)} sync error{s.openErrors === 1 ? '' : 's'}
          </button>
        ) : null}
        {canAccess('sync.run', role) ? (
          <button
            type="button"
            className="button button--small"
            disabled={Boolean(job) || run.isPending}
            onClick={() => run.mutate({ backfill: false })}
          >
            Sync now
          </button>
        ) : null}
      </div>
      {panelOpen ? (
        <SyncPanel status={s} job={job} role={role} onClose={() => setParams({ sync: undefined })} />
      ) : null}
    </>
  );
}
