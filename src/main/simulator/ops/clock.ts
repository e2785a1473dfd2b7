// Moves the simulated clock forward, doing in time order whatever falls due on the way.
import type { SimulatorState } from '../state/state';
import { DAY, HOUR, londonDate, weekday } from '../core/dates';
import { renderBalance } from '../render/money';
import { makeAvailable } from './ledger';
import { completeRefund, settleWaitingRefunds } from './refunds';
import { arrivePayout, runAutomaticPayouts, submitPayout } from './payouts';
import { emit } from './emit';

function nextPayoutRun(state: SimulatorState, after: number): number {
  const hour = state.settings.payoutHourUtc * HOUR;
  const dayStart = after - (after % DAY);
  const today = dayStart + hour;
  return today > after ? today : today + DAY;
}

export function advanceTo(state: SimulatorState, target: number): void {
  if (target < state.now)
    throw new Error(`the simulated clock only moves forward (now ${state.now}, asked ${target})`);
  for (;;) {
    const agendaAt = state.agenda.peek()?.at ?? Infinity;
    const payoutAt = nextPayoutRun(state, state.now);
    const t = Math.min(agendaAt, payoutAt);
    if (t > target) break;
    state.now = Math.max(state.now, t);
    const touched = new Set<string>();
    while ((state.agenda.peek()?.at ?? Infinity) <= state.now) {
      const item = state.agenda.pop()!;
      if (item.kind === 'funds_available') {
        const account = makeAvailable(state, item.ref);
        if (account !== null) touched.add(account);
      } else if (item.kind === 'refund_complete') completeRefund(state, item.ref);
      else if (item.kind === 'payout_submit') submitPayout(state, item.ref);
      else arrivePayout(state, item.ref);
    }
    for (const key of touched) {
      const account = key === '' ? null : key;
      emit(state, 'balance.available', account, renderBalance(state, account));
    }
    settleWaitingRefunds(state);
    if (payoutAt === state.now) runAutomaticPayouts(state, weekday(londonDate(state.now)) === 5);
  }
  state.now = target;
  settleWaitingRefunds(state);
  if (state.pruneEvents) state.events.prune(state.now);
}
