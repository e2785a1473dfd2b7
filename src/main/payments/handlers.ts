// Contract handlers of the payments domain (read side of the Payments page).
import type { Handlers } from '../api/context';
import type { paymentsContract } from '../../shared/contract/payments';
import { notFound } from '../api/errors';
import { getPayment } from './detail';
import { listPayments } from './list';
import { paymentFacets } from './queries';
import { paymentTotalsOnScreen, startPaymentsExport } from './export';

export const paymentsHandlers: Handlers<keyof typeof paymentsContract> = {
  'payments.list': (ctx, input) => listPayments(ctx.sqlite, input),
  'payments.get': (ctx, input) => {
    const detail = getPayment(ctx.sqlite, ctx.workspace.mode, input.id);
    if (!detail) throw notFound('That payment');
    return detail;
  },
  'payments.facets': (ctx) => paymentFacets(ctx.sqlite),
  'payments.totals': (ctx, input) => paymentTotalsOnScreen(ctx.sqlite, input),
  'payments.export': (ctx, input) => startPaymentsExport(ctx, input),
};
