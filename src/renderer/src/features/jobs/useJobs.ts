// Jobs as the shell sees them: `jobs.list` (refreshed when the jobs table changes) with live `progress` pushes laid
// over it, so a running job's bar moves without polling.
import { useEffect, useMemo, useState } from 'react';
import type { JobProgress, PushEvents } from '@shared/contract';
import { useBridge, useQueryMethod } from '../../lib/api';

export const isActive = (job: JobProgress) => job.state === 'running' || job.state === 'queued';

export function useJobs() {
  const bridge = useBridge();
  const list = useQueryMethod('jobs.list', { state: 'all', limit: 40 }, { retry: false });
  const [live, setLive] = useState<Map<string, JobProgress>>(() => new Map());

  useEffect(
    () =>
      bridge.on('progress', (progress: PushEvents['progress']) => {
        setLive((current) => {
          const next = new Map(current);
          // A finished job is read back from the list (refreshed as the jobs table changes): keep only live ones.
          if (isActive(progress)) next.set(progress.jobId, progress);
          else next.delete(progress.jobId);
          return next;
        });
      }),
    [bridge],
  );

  const jobs = useMemo(() => {
    const byId = new Map((list.data ?? []).map((j) => [j.jobId, j]));
    for (const [id, job] of live) byId.set(id, job);
    return [...byId.values()].sort((a, b) => b.createdAt - a.createdAt);
  }, [list.data, live]);
  return { jobs, list };
}
