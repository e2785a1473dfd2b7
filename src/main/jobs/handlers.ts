// Contract handlers of the jobs domain: list, get, wait for and cancel any long job of the workspace.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import { appendAudit } from '../audit/chain';
import { AppError, notFound } from '../api/errors';
import type { jobsContract } from '../../shared/contract/jobs';

export const jobsHandlers: Handlers<keyof typeof jobsContract> = {
  'jobs.list': (ctx, input) => ctx.jobs.list(input),
  'jobs.get': (ctx, input) => ctx.jobs.get(input.jobId) ?? throwNotFound(),
  'jobs.wait': async (ctx, input) =>
    (await ctx.jobs.wait(input.jobId, input.timeoutSeconds * 1000)) ?? throwNotFound(),
  'jobs.settleWrite': async (ctx, input) => {
    const operator = requireOperator(ctx);
    const item = await ctx.outbox.sender.settle(
      input.writeId,
      { stripeId: input.stripeId, note: input.note },
      { id: operator.id, name: operator.name },
    );
    return { state: item.state, detail: item.detail };
  },
  'jobs.cancel': (ctx, input) => {
    const operator = requireOperator(ctx);
    const job = ctx.jobs.get(input.jobId) ?? throwNotFound();
    const active = job.state === 'queued' || job.state === 'running';
    if (!active) throw new AppError('conflict', 'This job has already finished.');
    if (!ctx.jobs.job(input.jobId))
      throw new AppError('conflict', 'This job runs in another console process (the app): cancel it there.');
    if (!job.cancellable) throw new AppError('conflict', 'This job cannot be stopped part-way.');
    ctx.sqlite.transaction(() => {
      ctx.jobs.cancel(input.jobId);
      appendAudit(ctx.sqlite, {
        entityType: 'job',
        entityId: job.jobId,
        action: 'cancel',
        newValues: { kind: job.kind, title: job.title },
        userId: operator.id,
        actor: 'operator',
        createdAt: ctx.clock.now(),
      });
    })();
    return ctx.jobs.get(input.jobId)!;
  },
};

function throwNotFound(): never {
  throw notFound('A job with this id');
}
