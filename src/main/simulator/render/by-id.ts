// Finds and renders any object from its id prefix (used by expand[]).
import type { SimulatorState } from '../state/state';
import { renderCharge, renderPaymentIntent } from './payments';
import { renderBalanceTransaction, renderPayout } from './money';
import { renderReversal, renderTransfer } from './transfers';
import { renderAccount, renderDispute, renderRefund } from './others';

export function renderById(state: SimulatorState, id: string): object | undefined {
  const prefix = id.slice(0, id.indexOf('_'));
  switch (prefix) {
    case 'pi': {
      const p = state.payments.get(id);
      return p && renderPaymentIntent(state, p);
    }
    case 'ch': {
      const p = state.paymentByCharge(id);
      return p && renderCharge(state, p);
    }
    case 'txn': {
      const bt = state.balanceTxs.get(id);
      return bt && renderBalanceTransaction(state, bt);
    }
    case 're': {
      const r = state.refunds.get(id);
      return r && renderRefund(state, r);
    }
    case 'tr': {
      const t = state.transfers.get(id);
      return t && renderTransfer(state, t);
    }
    case 'trr': {
      const r = state.reversals.get(id);
      return r && renderReversal(state, r);
    }
    case 'po': {
      const p = state.payouts.get(id);
      return p && renderPayout(state, p);
    }
    case 'acct': {
      const a = state.accounts.get(id);
      return a && renderAccount(state, a);
    }
    case 'dp': {
      const d = state.disputes.get(id);
      return d && renderDispute(state, d);
    }
    default:
      return undefined;
  }
}
