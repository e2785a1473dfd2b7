// Contract methods of the instructors domain (filled in by the Stripe sync work, issue 4).
import type { MethodSpec } from './define';

export const instructorsContract = {} satisfies Record<string, MethodSpec>;
