// Running a reconciliation: `recon.run` starts a job in main (Stripe read page by page, then each check); this follows
// it with a live bar and Cancel, and opens the saved run when it is done, saying how Stripe was read (or why it stopped).
import { useEffect, useRef, useState } from 'react';
import type { ApiError, JobProgress } from '@shared/contract';
import type { ReconPeriod } from '@shared/contract/recon';
import { apiErrorOf, useInvoke, useMutationMethod } from '../../lib/api';
import { useToast } from '../../components/ui';
import { ProgressBar, jobCounts } from '../jobs/JobProgressBar';
import { isActive, useJobs } from '../jobs/useJobs';

export function useReconRun(onDone: (period: ReconPeriod, reportId: string) => void) {
  const invoke = useInvoke();
  const toast = useToast();
  const [jobId, setJobId] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  // Left before the run ended: it carries on in main and shows in Jobs; the page it was started from is gone.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  const run = async (period: ReconPeriod) => {
    setFailure(null);
    let job: JobProgress;
    try {
      const started = await invoke('recon.run', { period });
      setJobId(started.jobId);
      do job = await invoke('jobs.wait', { jobId: started.jobId, timeoutSeconds: 30 });
      while (isActive(job));
    } catch (e) {
      setFailure(apiErrorOf(e) ?? { code: 'internal', message: (e as Error).message });
      return;
    } finally {
      setJobId(null);
    }
    if (!mounted.current) return;
    if (job.state === 'done' && job.resultId) {
      // Its result, and whether Stripe was read whole or only its changes since the last run.
      toast(job.message, 'info');
      onDone(period, job.resultId);
    } else if (job.state === 'cancelled') toast(job.message, 'info');
    else setFailure({ code: 'stripe', message: job.message, details: { jobId: job.jobId } });
  };
  return { run, jobId, failure };
}

/** The running job's bar, counts and step, with Cancel. */
export function RunProgress({ jobId }: { jobId: string }) {
  const { jobs } = useJobs();
  const cancel = useMutationMethod('jobs.cancel');
  const job = jobs.find((j) => j.jobId === jobId);
  return (
    <div
      className="panel panel--padded recon-progress no-print"
      role="status"
      aria-label="Reconciliation progress"
    >
      <ProgressBar done={job?.done ?? 0} total={job?.total ?? null} label="Reconciliation progress" />
      <span>{job ? `${jobCounts(job)} · ${job.message}` : 'Starting…'}</span>
      {job?.cancellable ? (
        <button
          type="button"
          className="button button--small"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate({ jobId })}
        >
          Cancel
        </button>
      ) : null}
    </div>
  );
}
