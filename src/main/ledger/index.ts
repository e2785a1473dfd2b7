// The ledger's public surface for other rooms (screens, CLI): invariants, balances, unattributed objects, accounts.
export { checkInvariants } from './invariants';
export {
  balances,
  stripeBalanceOf,
  type LedgerBalances,
  type InstructorBalance,
  type PairLiability,
} from './balances';
export { listUnattributed } from './unattributed';
export * as accounts from './accounts';
