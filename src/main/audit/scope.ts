// Who reads which audit entries (docs/architecture.md, "Who reads the audit log"), enforced in the queries themselves.
import type { Role } from '../../shared/contract/define';
import type { AuditEntity } from '../../shared/names';

/**
 * Support works on payments, refunds and lesson completions, and reads the entries about those; operator
 * administration, sign-ins (failed ones included), settings, Stripe connections and the chain's own entries are for
 * the roles that run the console. `null` means every entry.
 */
const SCOPES: Record<Role, readonly AuditEntity[] | null> = {
  support: ['payment', 'refund', 'lesson_completion'],
  finance: null,
  manager: null,
  admin: null,
};

export function auditScope(role: Role): readonly AuditEntity[] | null {
  return SCOPES[role];
}
