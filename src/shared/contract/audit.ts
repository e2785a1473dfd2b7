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

/** A Stripe event or observation a sync batch applied, and the object it holds. */
export interface SyncInput {
  id: string;
  object: string;
}

/** One entity a sync batch changed: the changed fields' old and new values, the root that wrote them, and its inputs. */
export interface SyncChange {
  n: number;
  entityType: string;
  entityId: string;
  action: string;
  oldValues: Record<string, unknown> | null;
  newValues: Record<string, unknown> | null;
  /** The projection root that wrote the change (`payment:pi_…`, `pair:<learner>:<instructor>`). */
  root: string;
  /** The batch's inputs about objects that root reads: where the change came from. */
  sources: SyncInput[];
}

export interface SyncBatchChanges {
  /** What the batch applied, all of it. */
  inputs: SyncInput[];
  /** Changes the caller's role may read that match the filters, and a page of them in order. */
  total: number;
  changes: SyncChange[];
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
      "Exports every audit entry the filters match that the caller's role may read, oldest first, each sync batch followed by its changes the filters select, as a job (CSV or XLSX). Audited.",
  }),
  'audit.facets': method<AuditFacets>()({
    input: noInput,
    access: 'signedIn',
    reads: ['audit_logs', 'users'],
    writes: [],
    summary:
      "The entity types, actions and operators present in what the caller's role may read, for the filter menus.",
  }),
  'audit.changes': method<SyncBatchChanges>()({
    input: z.strictObject({
      seq: z.int().min(1),
      /** An entity id or its start (as the Audit log's id search): only the changes to it. */
      q: z.string().trim().max(200).optional(),
      entityType: z.string().max(64).optional(),
      page: z.int().min(1).max(100_000).default(1),
      pageSize: z.int().min(1).max(200).default(20),
    }),
    access: 'signedIn',
    // audit_sync_changes is written only with audit_logs.
    reads: ['audit_logs', 'projection_refs', 'projection_keys'],
    writes: [],
    summary:
      "A sync batch entry's changes the caller's role may read, per entity with old and new values and the inputs they came from.",
  }),
  'audit.verify': method<ChainReport>()({
    input: noInput,
    access: 'signedIn',
    reads: ['audit_logs'],
    writes: [],
    summary: 'Walks the hash chain and names the first broken entry.',
  }),
};
