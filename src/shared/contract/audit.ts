// Reading and verifying the append-only, hash-chained audit log.
import { z } from 'zod';
import { method, type Page } from './define';
import { isoDate, noInput, pageInput, uuid } from './common';

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

export type ChainReport =
  | { intact: true; checked: number }
  | { intact: false; checked: number; firstBroken: { seq: number; id: string; reason: string } };

export const auditContract = {
  'audit.list': method<Page<AuditEntry>>()({
    input: pageInput(['seq', 'entity_type', 'action'], 'seq').extend({
      entityType: z.string().max(64).optional(),
      action: z.string().max(64).optional(),
      operatorId: uuid.optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
      q: z.string().trim().max(200).optional(),
    }),
    access: 'signedIn',
    reads: ['audit_logs', 'users'],
    writes: [],
    summary: 'Lists audit entries, filtered, paged and sorted in SQL.',
  }),
  'audit.facets': method<AuditFacets>()({
    input: noInput,
    access: 'signedIn',
    reads: ['audit_logs', 'users'],
    writes: [],
    summary: 'The entity types, actions and operators present, for the filter menus.',
  }),
  'audit.verify': method<ChainReport>()({
    input: noInput,
    access: 'signedIn',
    reads: ['audit_logs'],
    writes: [],
    summary: 'Walks the hash chain and names the first broken entry.',
  }),
};
