// The ledger's public surface for other rooms (screens, CLI, sync): hash, rebuild, invariants, balances, unattributed.
export { ledgerHash, HASHED_TABLES } from './hash';
export { rebuildLedger } from './rebuild';
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
