// Creates balance transactions and keeps each account's running balance (pending vs available) in step.
import type { BalanceTxRec, BtType } from '../state/records';
import type { SimulatorState } from '../state/state';

export interface NewBalanceTx {
  account: string | null;
  amount: number;
  fee?: number;
  type: BtType;
  category: string;
  source: string | null;
  description?: string | null;
  availableOn?: number;
}

export function addBalanceTx(state: SimulatorState, input: NewBalanceTx): BalanceTxRec {
  const bt: BalanceTxRec = {
    id: state.newId('txn'),
    created: state.now,
    account: input.account,
    amount: input.amount,
    fee: input.fee ?? 0,
    type: input.type,
    category: input.category,
    source: input.source,
    description: input.description ?? null,
    availableOn: input.availableOn ?? state.now,
    payoutId: null,
  };
  state.balanceTxs.add(bt);
  const balance = state.balanceOf(bt.account);
  const net = bt.amount - bt.fee;
  balance.total += net;
  if (bt.availableOn > state.now) {
    balance.pending += net;
    state.agenda.push(bt.availableOn, 'funds_available', bt.id);
  } else if (bt.type !== 'payout') {
    balance.sweepable.push(bt.id);
  }
  return bt;
}

/** Moves a pending transaction's net into the available balance (called by the clock). */
export function makeAvailable(state: SimulatorState, btId: string): string | null {
  const bt = state.balanceTxs.get(btId);
  if (!bt) return null;
  const balance = state.balanceOf(bt.account);
  balance.pending -= bt.amount - bt.fee;
  balance.sweepable.push(bt.id);
  return bt.account ?? '';
}
