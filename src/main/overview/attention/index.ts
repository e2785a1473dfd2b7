// The Overview's "Needs attention" panel: one source per kind of trouble, each a small query; adding a kind (failed
// refunds, held payouts) is one more source in this list.
import type { AttentionGroup, AttentionItem, AttentionKind } from '../../../shared/contract/overview';
import type { WorkspaceInfo } from '../../api/context';
import type { Sqlite } from '../../db/open';
import { balanceDrift, syncErrors } from './sync';
import { failedPlatformPayouts, openDisputes } from './stripe';
import { restrictedAccounts, unattributed } from './people';
import { failedRefunds, refundsAwaitingDecision, refundsWaitingForFunds } from './refunds';
import { runsAwaitingApproval } from './payouts';

export interface AttentionContext {
  sqlite: Sqlite;
  mode: WorkspaceInfo['mode'];
  now: number;
  /** How many items a group lists (its total counts them all). */
  limit: number;
}

export interface AttentionSource {
  kind: AttentionKind;
  label: string;
  tone: 'red' | 'amber';
  read(ctx: AttentionContext): { total: number; items: AttentionItem[] };
}

/** In the panel's order: what is broken first, then what waits for a person. */
const SOURCES: AttentionSource[] = [
  syncErrors,
  balanceDrift,
  openDisputes,
  failedPlatformPayouts,
  failedRefunds,
  refundsWaitingForFunds,
  restrictedAccounts,
  unattributed,
  refundsAwaitingDecision,
  runsAwaitingApproval,
];

export function attention(ctx: AttentionContext): AttentionGroup[] {
  return SOURCES.flatMap((s) => {
    const { total, items } = s.read(ctx);
    return total > 0 ? [{ kind: s.kind, label: s.label, tone: s.tone, total, items }] : [];
  });
}
