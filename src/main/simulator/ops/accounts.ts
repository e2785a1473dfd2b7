// Connected accounts (Express, GB): create, update (incl. payout schedule), restrict and unrestrict.
import type { AccountRec, Metadata, PayoutSchedule } from '../state/records';
import type { SimulatorState } from '../state/state';
import { noSuchObject } from '../core/errors';
import { mergeMetadata } from '../core/metadata';
import { renderAccount } from '../render/others';
import { emitChange } from './emit';

export interface AccountInput {
  email?: string | null;
  name?: string | null;
  metadata?: Metadata | null;
  payoutSchedule?: PayoutSchedule;
  delayDays?: number;
}

export function createAccount(state: SimulatorState, input: AccountInput): AccountRec {
  return state.accounts.add({
    id: state.newId('acct', 16),
    created: state.now,
    account: null,
    email: input.email ?? null,
    name: input.name ?? null,
    metadata: mergeMetadata({}, input.metadata ?? {}),
    chargesEnabled: true,
    payoutsEnabled: true,
    transfersActive: true,
    disabledReason: null,
    payoutSchedule: input.payoutSchedule ?? 'weekly',
    delayDays: input.delayDays ?? state.settings.delayDays,
  });
}

export function getAccount(state: SimulatorState, id: string): AccountRec {
  const a = state.accounts.get(id);
  if (!a) throw noSuchObject('account', id);
  return a;
}

function updateWith(state: SimulatorState, a: AccountRec, apply: (a: AccountRec) => void): AccountRec {
  emitChange(
    state,
    'account.updated',
    null,
    () => renderAccount(state, a),
    () => apply(a),
    a.id,
  );
  return a;
}

export function updateAccount(state: SimulatorState, id: string, input: AccountInput): AccountRec {
  return updateWith(state, getAccount(state, id), (a) => {
    if (input.email !== undefined) a.email = input.email;
    if (input.name !== undefined) a.name = input.name;
    if (input.metadata !== undefined) a.metadata = mergeMetadata(a.metadata, input.metadata);
    if (input.payoutSchedule !== undefined) a.payoutSchedule = input.payoutSchedule;
    if (input.delayDays !== undefined) a.delayDays = input.delayDays;
  });
}

/** Test helper: payouts and transfers disabled with a requirements.disabled_reason. */
export function restrictAccount(
  state: SimulatorState,
  id: string,
  reason = 'requirements.past_due',
): AccountRec {
  return updateWith(state, getAccount(state, id), (a) => {
    a.payoutsEnabled = false;
    a.transfersActive = false;
    a.disabledReason = reason;
  });
}

/** Test helper: the account's requirements are met again; payouts and transfers are enabled. */
export function unrestrictAccount(state: SimulatorState, id: string): AccountRec {
  return updateWith(state, getAccount(state, id), (a) => {
    a.payoutsEnabled = true;
    a.transfersActive = true;
    a.disabledReason = null;
  });
}
