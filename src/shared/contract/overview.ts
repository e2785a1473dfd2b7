// Contract methods of the overview domain (filled in by the Stripe sync work, issue 4).
import type { MethodSpec } from './define';

export const overviewContract = {} satisfies Record<string, MethodSpec>;
