// The fake bridge's refunds and disputes: no refunds yet, the disputes a test puts in, and a request form that
// refuses to ask for anything (the fake has no payments to refund). Enough for the screens that show them to render.
import type { OutputOf, ParsedInputOf } from '@shared/contract';
import type { DisputeRow, disputesContract } from '@shared/contract/disputes';
import type { refundsContract } from '@shared/contract/refunds';

type Method = keyof typeof refundsContract | keyof typeof disputesContract;
export type RefundHandlers = { [M in Method]: (input: ParsedInputOf<M>) => OutputOf<M> };

export function fakeRefundHandlers(
  refuse: (message: string) => never,
  disputes: () => DisputeRow[],
): RefundHandlers {
  const empty = (input: { page: number; pageSize: number }) => ({
    rows: [],
    total: 0,
    page: input.page,
    pageSize: input.pageSize,
  });
  return {
    'refunds.quote': () => refuse('The fake workspace has no payment to refund.'),
    'refunds.request': () => refuse('The fake workspace has no payment to refund.'),
    'refunds.decide': () => refuse('The fake workspace has no refund request.'),
    'refunds.list': (input) => ({ ...empty(input), awaitingDecision: 0 }),
    'clawbacks.list': (input) => empty(input),
    'clawbacks.waive': () => refuse('The fake workspace has no clawback.'),
    'disputes.list': (input) => {
      const rows = disputes().filter((d) => !input.paymentId || d.payment?.id === input.paymentId);
      return { rows, total: rows.length, page: input.page, pageSize: input.pageSize };
    },
    'disputes.decide': () => refuse('The fake workspace has no dispute.'),
  };
}
