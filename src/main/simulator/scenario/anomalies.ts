// Plants the anomalies a finance team meets, on fixed days of the scenario, and records their ids.
import { DAY, HOUR } from '../core/dates';
import { StripeApiError } from '../core/errors';
import { createPayment } from '../ops/payments';
import { restrictAccount } from '../ops/accounts';
import { createTransfer } from '../ops/transfers';
import { failPayout } from '../ops/payouts';
import { openDispute } from '../ops/disputes';
import { createRefund, failRefund } from '../ops/refunds';
import type { GenContext } from './generator';
import type { AnomalyKind } from './types';

export interface AnomalyPlan {
  morning(day: number): void;
  evening(day: number): void;
}

export function plantAnomalies(ctx: GenContext): AnomalyPlan {
  const { state, days } = ctx;
  const clamp = (d: number) => Math.max(1, Math.min(d, days - 2));
  const record = (kind: AnomalyKind, ids: string[], note: string) =>
    ctx.result.anomalies.push({ kind, ids, note });
  const dayStart = (day: number) => ctx.t0 + day * DAY;
  const isFriday = (day: number) => new Date((dayStart(day) + 12 * HOUR) * 1000).getUTCDay() === 5;
  const failedPayoutDay = (() => {
    for (let d = clamp(28); d < days; d++) if (isFriday(d)) return d;
    for (let d = days - 1; d >= 0; d--) if (isFriday(d)) return d;
    return -1;
  })();
  let refundToFail: string | null = null;
  let lotToRestore: { refunded: number } | null = null;
  let refundDay = -1;

  let strayTransferPlanted = false;

  return {
    morning(day) {
      // A Dashboard transfer, tried each morning from day 21 until the balance allows it.
      if (!strayTransferPlanted && day >= clamp(21) && ctx.instructors.length > 0) {
        ctx.at(dayStart(day) + 6 * HOUR + 1800);
        const inst = ctx.instructors[0]!;
        try {
          const tr = createTransfer(state, { amount: 3000, destination: inst.accountId });
          record(
            'transfer_without_payout_record',
            [tr.id, inst.accountId],
            'A manual Dashboard transfer: no lplate_payout_id, no marketplace payout row.',
          );
          strayTransferPlanted = true;
        } catch (err) {
          if (!(err instanceof StripeApiError)) throw err;
        }
      }
      if (day === clamp(9)) {
        ctx.at(dayStart(day) + 6 * HOUR + 600);
        const p = createPayment(state, { amount: 4720, paymentMethod: 'pm_card_visa' });
        record(
          'payment_without_metadata',
          [p.id, p.chargeId],
          'A card payment taken outside the app: no lplate_* metadata.',
        );
      }
      if (day === clamp(16) && ctx.instructors.length > 1) {
        const inst = ctx.instructors[ctx.instructors.length - 1]!;
        restrictAccount(state, inst.accountId, 'requirements.past_due');
        record(
          'account_payouts_disabled',
          [inst.accountId],
          `Instructor ${inst.id}: payouts disabled (requirements.past_due); their earnings are held.`,
        );
      }
      if (day === clamp(30)) {
        const lot = ctx.lots.find((l) => {
          const p = state.payments.get(l.paymentId)!;
          return p.disputeId === null && p.amountRefunded === 0 && p.created < state.now - 7 * DAY;
        });
        if (lot) {
          const d = openDispute(state, state.payments.get(lot.paymentId)!.chargeId, 'fraudulent');
          ctx.result.counts.disputes++;
          record(
            'dispute',
            [d.id, state.payments.get(lot.paymentId)!.chargeId, lot.paymentId],
            'A chargeback left open (needs_response); funds and a £20 fee withdrawn.',
          );
        }
      }
      if (day === clamp(40)) {
        const lot = ctx.lots.find(
          (l) => l.hours - l.used - l.refunded >= 1 && state.payments.get(l.paymentId)!.disputeId === null,
        );
        if (lot) {
          const { amount } = ctx.book.refundFromBack(lot, 1);
          const r = createRefund(state, {
            paymentId: lot.paymentId,
            amount,
            reason: 'requested_by_customer',
          });
          ctx.result.counts.refunds++;
          lotToRestore = lot;
          refundToFail = r.id;
          refundDay = day;
        }
      }
      if (refundToFail && day === refundDay + 1) {
        failRefund(state, refundToFail);
        if (lotToRestore) lotToRestore.refunded -= 1;
        record(
          'failed_refund',
          [refundToFail],
          'A Dashboard refund that failed (expired_or_canceled_card); the money came back to the balance.',
        );
        refundToFail = null;
      }
    },
    evening(day) {
      if (day === failedPayoutDay) {
        ctx.at(dayStart(day) + 20 * HOUR);
        const platformPayouts = state.payouts.items.filter(
          (p) => p.account === null && p.status === 'in_transit',
        );
        const last = platformPayouts[platformPayouts.length - 1];
        if (last) {
          failPayout(state, last.id);
          record(
            'failed_platform_payout',
            [last.id],
            'The bank rejected a weekly platform payout (account_closed); funds returned to the balance.',
          );
        }
      }
    },
  };
}
