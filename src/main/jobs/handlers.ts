// Contract handlers of the jobs domain: list, get, wait for and cancel any long job of the workspace.
import type { Handlers } from '../api/context';
import { AppError, notFound } from '../api/errors';
import type { jobsContract } from '../../shared/contract/jobs';

export const jobsHandlers: Handlers<keyof typeof jobsContract> = {
  'jobs.list': (ctx, input) => ctx.jobs.list(input),
  'jobs.get': (ctx, input) => ctx.jobs.get(input.jobId) ?? throwNotFound(),
  'jobs.wait': async (ctx, input) =>
    (await ctx.jobs.wait(input.jobId, input.timeoutSeconds * 1000)) ?? throwNotFound(),
  'jobs.cancel': (ctx, input) => {
    const job = ctx.jobs.get(input.jobId) ?? throwNotFound();
    if (!job.cancellable)
      throw new AppError(
        'conflict',
        job.state === 'queued' || job.state === 'running'
          ? 'This job cannot be stopped part-way.'
          : 'This job has already finished.',
      );
    ctx.jobs.cancel(input.jobId);
    return ctx.jobs.get(input.jobId)!;
  },
};

function throwNotFound(): never {
  throw notFound('A job with this id');
}
