// Who did it, in words: the operator's name, or Stripe sync / the system; and what a sync batch entry holds.
import type { AuditEntry } from '@shared/contract/audit';

export function actorLabel(entry: Pick<AuditEntry, 'operatorName' | 'actor'>): string {
  if (entry.operatorName) return entry.operatorName;
  if (entry.actor === 'sync') return 'Stripe sync';
  if (entry.actor === 'system') return 'System';
  return 'Unknown operator';
}

export const isSyncBatch = (entry: Pick<AuditEntry, 'action'>) => entry.action === 'sync_batch';

/** What a sync batch entry's values say: how many changes, from how many inputs. */
export function batchSummary(entry: Pick<AuditEntry, 'newValues'>): string {
  const values = entry.newValues as { inputs?: unknown[]; changes?: number } | null;
  const changes = values?.changes ?? 0;
  const inputs = values?.inputs?.length ?? 0;
  return `${changes} change${changes === 1 ? '' : 's'} from ${inputs} Stripe input${inputs === 1 ? '' : 's'}`;
}
