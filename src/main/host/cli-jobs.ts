// Following a job from a terminal: one line of progress on stderr each time it changes, until the job ends.
import type { JobProgress } from '../../shared/contract';
import type { Core } from '../core';
import { call, type CliIo } from './cli-kit';

export function progressLine(p: JobProgress): string {
  const parts = p.parts
    .filter((part) => part.done > 0)
    .map((part) => `${part.name} ${part.done}`)
    .join(', ');
  const rate = p.ratePerSecond === null ? '' : ` — ${p.ratePerSecond}/s`;
  const eta = p.state === 'running' && p.etaSeconds !== null ? `, about ${p.etaSeconds}s left` : '';
  return `[${p.kind} ${p.state}] ${p.message}${parts ? ` (${parts})` : ''}${rate}${eta}`;
}

/** Follows a job through the contract (as the UI does) until it ends, printing its progress on stderr. */
export async function waitForJob(
  core: Core,
  connection: string,
  jobId: string,
  io: CliIo,
): Promise<JobProgress> {
  let printed = '';
  for (;;) {
    const job = await call(core, connection, 'jobs.wait', { jobId, timeoutSeconds: 1 });
    const line = progressLine(job);
    if (line !== printed) io.err((printed = line));
    if (job.state !== 'queued' && job.state !== 'running') return job;
  }
}
