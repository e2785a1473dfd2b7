// Contract methods of the sync domain (filled in by the Stripe sync work, issue 4).
import type { MethodSpec } from './define';

export const syncContract = {} satisfies Record<string, MethodSpec>;
