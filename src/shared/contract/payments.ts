// Contract methods of the payments domain (filled in by the Stripe sync work, issue 4).
import type { MethodSpec } from './define';

export const paymentsContract = {} satisfies Record<string, MethodSpec>;
