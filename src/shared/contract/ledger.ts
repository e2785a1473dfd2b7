// Contract methods of the ledger domain (filled in by the Stripe sync work, issue 4).
import type { MethodSpec } from './define';

export const ledgerContract = {} satisfies Record<string, MethodSpec>;
