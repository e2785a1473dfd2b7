// Who did it, in words: the operator's name, or Stripe sync / the system.
import type { AuditEntry } from '@shared/contract/audit';

export function actorLabel(entry: Pick<AuditEntry, 'operatorName' | 'actor'>): string {
  if (entry.operatorName) return entry.operatorName;
  if (entry.actor === 'sync') return 'Stripe sync';
  if (entry.actor === 'system') return 'System';
  return 'Unknown operator';
}
