// Connected accounts (Express, GB): create, update and the restrict test helper.
import type { AccountRec, Metadata, PayoutSchedule } from '../state/records';
import type { SimulatorState } from '../state/state';
import { noSuchObject } from '../core/errors';
import { renderAccount } from '../render/others';
import { changed, emit } from './emit';

export interface AccountInput {
  email?: string | null;
  name?: string | null;
  metadata?: Metadata;
  payoutSchedule?: PayoutSchedule;
}

export function createAccount(state: SimulatorState, input: AccountInput): AccountRec {
  return state.accounts.add({
    id: state.newId('acct', 16),
    created: state.now,
    account: null,
    email: input.email ?? null,
    name: input.name ?? null,
    metadata: { ...(input.metadata ?? {}) },
    chargesEnabled: true,
    payoutsEnabled: true,
    transfersActive: true,
    disabledReason: null,
    payoutSchedule: input.payoutSchedule ?? 'weekly',
  });
}

export function getAccount(state: SimulatorState, id: string): AccountRec {
  const a = state.accounts.get(id);
  if (!a) throw noSuchObject('account', id);
  return a;
}

function updateWith(state: SimulatorState, a: AccountRec, apply: (a: AccountRec) => void): AccountRec {
  const before = renderAccount(state, a);
  apply(a);
  const after = renderAccount(state, a);
  emit(state, 'account.updated', null, after, changed(before, after), a.id);
  return a;
}

export function updateAccount(state: SimulatorState, id: string, input: AccountInput): AccountRec {
  return updateWith(state, getAccount(state, id), (a) => {
    if (input.email !== undefined) a.email = input.email;
    if (input.name !== undefined) a.name = input.name;
    if (input.metadata) a.metadata = mergeMetadata(a.metadata, input.metadata);
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

/** Stripe's metadata update rule: keys set to '' are removed, others merged. */
export function mergeMetadata(current: Metadata, update: Metadata): Metadata {
  const out = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}
