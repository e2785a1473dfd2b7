// The ledger's public surface for other rooms (screens, CLI): invariants, balances, accounts.
export { checkInvariants } from './invariants';
export {
  balances,
  stripeBalanceOf,
  type LedgerBalances,
  type InstructorBalance,
  type PairLiability,
} from './balances';
export * as accounts from './accounts';
