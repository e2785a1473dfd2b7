// The fake bridge's payouts: nothing owed and no runs yet — enough for screens that show payout figures — and a
// payout policy an admin can change.
import type { OutputOf, ParsedInputOf } from '@shared/contract';
import { DEFAULT_POLICY, type PayoutPolicy, type payoutsContract } from '@shared/contract/payouts';

type PayoutMethod = keyof typeof payoutsContract;
export type PayoutHandlers = { [M in PayoutMethod]: (input: ParsedInputOf<M>) => OutputOf<M> };

/** Methods that need a run: the fake has none. */
const noRun = (refuse: (message: string) => never) => () => refuse('The fake console has no payout runs.');

export function fakePayouts(refuse: (message: string) => never): PayoutHandlers {
  let policy: PayoutPolicy = DEFAULT_POLICY;
  return {
    'payouts.preview': (input) => ({
      date: input.date ?? '2026-11-27',
      rows: [],
      totals: { readyPence: 0, ready: 0, heldPence: 0, held: 0, laterPence: 0 },
      balance: null,
      balanceWarning: null,
      minimumPence: DEFAULT_POLICY.minimumPence,
    }),
    'payouts.nextFriday': () => ({
      date: '2026-11-27',
      totals: { readyPence: 0, ready: 0, heldPence: 0, held: 0, laterPence: 0 },
      balanceWarning: null,
    }),
    'payouts.earnings': () => [],
    'payouts.prepare': noRun(refuse),
    'payouts.execute': noRun(refuse),
    'payouts.retry': noRun(refuse),
    'payouts.runs': () => [],
    'payouts.run': noRun(refuse),
    'payouts.remittance': noRun(refuse),
    'payouts.remittancePdf': noRun(refuse),
    'payouts.policy': () => policy,
    'payouts.schedule': () => ({
      policy,
      next: policy.autoPrepare ? { at: Date.parse('2026-11-27T10:00:00Z'), friday: '2026-11-27' } : null,
      last: null,
    }),
    'payouts.setPolicy': (input) => (policy = { ...input, setBy: 'Ada Admin', setAt: Date.now() }),
    'payouts.clawbacks': () => [],
  };
}
