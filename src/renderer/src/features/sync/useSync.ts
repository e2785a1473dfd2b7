// The sync status as the shell sees it: `sync.status` (absent until the engine exists) plus live `progress` push events.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { JobProgress, PushEvents } from '@shared/contract';
import { useBridge, useQueryMethod } from '../../lib/api';

/** The jobs the sync bar follows; other jobs (Stripe writes, payout runs) have the jobs panel. */
const SYNC_KINDS = new Set(['sync', 'backfill']);

export function useSync() {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const status = useQueryMethod('sync.status', {}, { retry: false, refetchInterval: 15_000 });
  const [live, setLive] = useState<JobProgress | null>(null);

  useEffect(
    () =>
      bridge.on('progress', (progress: PushEvents['progress']) => {
        if (!SYNC_KINDS.has(progress.kind)) return;
        if (progress.state === 'running') {
          setLive(progress);
          return;
        }
        setLive(null);
        void queryClient.invalidateQueries({ queryKey: ['sync.status'] });
      }),
    [bridge, queryClient],
  );

  const job = live ?? (status.data?.job?.state === 'running' ? status.data.job : null);
  return { status, job };
}
