// The fake bridge's payouts: nothing owed and no runs yet — enough for screens that show payout figures.
import type { OutputOf, ParsedInputOf } from '@shared/contract';
import { DEFAULT_POLICY, type payoutsContract } from '@shared/contract/payouts';

type PayoutMethod = keyof typeof payoutsContract;
export type PayoutHandlers = { [M in PayoutMethod]: (input: ParsedInputOf<M>) => OutputOf<M> };

/** Methods that need a run: the fake has none. */
const noRun = (refuse: (message: string) => never) => () => refuse('The fake console has no payout runs.');

export function fakePayouts(refuse: (message: string) => never): PayoutHandlers {
  return {
    'payouts.preview': (input) => ({
      date: input.date ?? '2026-11-27',
      rows: [],
      totals: { readyPence: 0, ready: 0, heldPence: 0, held: 0, laterPence: 0 },
      balance: null,
      balanceWarning: null,
      minimumPence: DEFAULT_POLICY.minimumPence,
    }),
    'payouts.earnings': () => [],
    'payouts.prepare': noRun(refuse),
    'payouts.execute': noRun(refuse),
    'payouts.retry': noRun(refuse),
    'payouts.runs': () => [],
    'payouts.run': noRun(refuse),
    'payouts.remittance': noRun(refuse),
    'payouts.remittancePdf': noRun(refuse),
    'payouts.policy': () => DEFAULT_POLICY,
    'payouts.setPolicy': (input) => ({ ...input, setBy: null, setAt: null }),
    'payouts.clawbacks': () => [],
  };
}
