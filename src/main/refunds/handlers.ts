// Contract handlers of the refunds and disputes domain.
import type { Handlers } from '../api/context';
import { requireOperator } from '../api/context';
import type { refundsContract } from '../../shared/contract/refunds';
import type { disputesContract } from '../../shared/contract/disputes';
import { listClawbacks, waiveClawback } from './clawbacks-list';
import { decideRefund } from './decide';
import { decideDispute, listDisputes } from './disputes';
import { listRefunds } from './list';
import { approvalLimit, quoteRefund, requestRefund } from './request';

export const refundsHandlers: Handlers<keyof typeof refundsContract | keyof typeof disputesContract> = {
  'refunds.quote': (ctx, input) => quoteRefund(ctx, input.paymentId),
  'refunds.request': (ctx, input) => requestRefund(ctx, input),
  'refunds.decide': (ctx, input) => decideRefund(ctx, input),
  'refunds.list': (ctx, input) =>
    listRefunds(ctx.sqlite, requireOperator(ctx), approvalLimit(ctx, ctx.clock.now()), input),
  'clawbacks.list': (ctx, input) => listClawbacks(ctx.sqlite, input),
  'clawbacks.waive': (ctx, input) => waiveClawback(ctx, input),
  'disputes.list': (ctx, input) => listDisputes(ctx.sqlite, ctx.workspace.mode, ctx.clock.now(), input),
  'disputes.decide': (ctx, input) => decideDispute(ctx, input),
};
