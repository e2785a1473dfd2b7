// Runs an export job main writes (every matching row, never the page on screen), follows it to the end, then hands
// the file over: a download from the headless host, or a note of where the app saved it.
import { useState } from 'react';
import type { JobProgress } from '@shared/contract';
import { apiErrorOf, useBridge, useInvoke } from './api';
import { downloadBlob } from './csv';
import { useToast } from '../components/ui';

export function useFileExport(what: string) {
  const bridge = useBridge();
  const invoke = useInvoke();
  const toast = useToast();
  const [running, setRunning] = useState<string | null>(null);
  const run = async (label: string, start: () => Promise<{ jobId: string }>) => {
    setRunning(label);
    try {
      const { jobId } = await start();
      let job: JobProgress;
      do job = await invoke('jobs.wait', { jobId, timeoutSeconds: 30 });
      while (job.state === 'queued' || job.state === 'running');
      if (job.state !== 'done' || !job.file) throw new Error(job.message);
      const file = job.file;
      if (file.url && bridge.download) {
        downloadBlob(file.name, await bridge.download(file.url));
        toast(`Downloaded ${file.name}.`);
      } else if (file.savedTo) toast(`Saved ${file.name} to ${file.savedTo}.`);
      else toast(job.message, 'info');
    } catch (e) {
      toast(`Could not export ${what}: ${apiErrorOf(e)?.message ?? (e as Error).message}`, 'error');
    } finally {
      setRunning(null);
    }
  };
  return { running, run };
}
