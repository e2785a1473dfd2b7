// Reading and verifying the append-only, hash-chained audit log.
import { z } from 'zod';
import { method, type Page } from './define';
import { isoDate, listExport, noInput, pageInput, uuid } from './common';

export type AuditActor = 'operator' | 'sync' | 'system';

export interface AuditEntry {
  id: string;
  seq: number;
  entityType: string;
  entityId: string;
  action: string;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  userId: string | null;
  operatorName: string | null;
  actor: AuditActor;
  createdAt: number;
  hash: string;
}

export interface AuditFacets {
  entityTypes: string[];
  actions: string[];
  operators: { id: string; name: string }[];
}

/** Where the chain breaks: the entry (`id` is null when it is missing altogether) and why, in plain words. */
export interface ChainBreak {
  seq: number;
  id: string | null;
  reason: string;
}

export interface ChainFacts {
  /** Entries that verified, in order, before any break. */
  checked: number;
  /** The first entry signed with the workspace's audit key (the ones before it predate keying: plain sha256). */
  keyedFrom: number | null;
  /** The last entry that verified. */
  head: { seq: number; hash: string } | null;
  /** The head as the console last anchored it outside the database file. */
  anchor: { seq: number; hash: string } | null;
}

export type ChainReport = ChainFacts &
  ({ intact: true; firstBroken: null } | { intact: false; firstBroken: ChainBreak });

const auditFilters = {
  entityType: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  operatorId: uuid.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(200).optional(),
};

export const auditContract = {
  'audit.list': method<Page<AuditEntry>>()({
    input: pageInput(['seq', 'entity_type', 'action'], 'seq').extend(auditFilters),
    access: 'signedIn',
    reads: ['audit_logs', 'users'],
    writes: [],
    summary:
      "Lists the audit entries the caller's role may read (support: payments, refunds, completions), filtered, paged and sorted in SQL.",
  }),
  'audit.export': method<{ jobId: string }>()({
    input: listExport(auditFilters),
    access: 'signedIn',
    reads: ['audit_logs', 'users'],
    writes: ['jobs', 'audit_logs'],
    summary:
      "Exports every audit entry the filters match that the caller's role may read, oldest first, as a job (CSV or XLSX). Audited.",
  }),
  'audit.facets': method<AuditFacets>()({
    input: noInput,
    access: 'signedIn',
    reads: ['audit_logs', 'users'],
    writes: [],
    summary:
      "The entity types, actions and operators present in what the caller's role may read, for the filter menus.",
  }),
  'audit.verify': method<ChainReport>()({
    input: noInput,
    access: 'signedIn',
    reads: ['audit_logs'],
    writes: [],
    summary: 'Walks the hash chain and names the first broken entry.',
  }),
};
