// The audit of one sync batch (DOMAIN.md §10): the entities its projection changed are gathered in memory, then written
// as one chained `sync_batch` entry naming the inputs applied, and one audit_sync_changes row per change, which the
// entry's hash covers through a digest. An operator's change keeps its own entry per entity (chain.ts).
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/open';
import type { AuditAction, AuditEntity } from '../../shared/names';
import { batchIds, batchIdsDocument } from '../../shared/batch-id-words';
import { statement } from '../db/statements';
import { appendAudit, canonicalJson } from './chain';

export const SYNC_BATCH = { entityType: 'sync_batch', action: 'sync_batch' } as const;

/** Whether an audit row is a sync batch's entry (the only entries with audit_sync_changes rows under them). */
export const isSyncBatch = (row: { entity_type: string; action: string }) =>
  row.entity_type === SYNC_BATCH.entityType && row.action === SYNC_BATCH.action;

/** A stored input the batch applied: an event or an observation, and the Stripe object it holds. */
export interface BatchInput {
  id: string;
  object: string;
}

/** One change as stored, values as canonical JSON text. */
export interface StoredChange {
  n: number;
  entity_type: string;
  entity_id: string;
  action: string;
  old_values: string | null;
  new_values: string | null;
  root: string;
}

/** The digest the entry carries: every change of the batch, in order, exactly as stored. */
export function changesDigest(changes: Iterable<Omit<StoredChange, 'n'>>): string {
  const hash = createHash('sha256');
  for (const c of changes)
    hash
      .update(JSON.stringify([c.entity_type, c.entity_id, c.action, c.old_values, c.new_values, c.root]))
      .update('\n');
  return hash.digest('hex');
}

const inserts = new WeakMap<Sqlite, Statement>();

export class SyncBatchAudit {
  private readonly inputs: BatchInput[] = [];
  private readonly changes: Omit<StoredChange, 'n'>[] = [];

  input(id: string, object: string): void {
    this.inputs.push({ id, object });
  }

  change(
    entityType: AuditEntity,
    entityId: string,
    action: AuditAction,
    oldValues: Record<string, unknown> | null,
    newValues: Record<string, unknown> | null,
    root: string,
  ): void {
    this.changes.push({
      entity_type: entityType,
      entity_id: entityId,
      action,
      old_values: oldValues === null ? null : canonicalJson(oldValues),
      new_values: newValues === null ? null : canonicalJson(newValues),
      root,
    });
  }

  /** Where the batch stands, to go back to when a savepoint rolls back what came after. */
  mark(): { inputs: number; changes: number } {
    return { inputs: this.inputs.length, changes: this.changes.length };
  }

  rewind(to: { inputs: number; changes: number }): void {
    this.inputs.length = to.inputs;
    this.changes.length = to.changes;
  }

  /**
   * Writes the entry and its changes in the caller's transaction; a batch that changed nothing writes nothing. Its
   * ids, the entities changed and the ids its changes' roots name (`pi_…` of `payment:pi_…`) among them, go into the
   * batch id index under the entry, so a pasted Stripe id finds every batch that wrote under its root, not only the
   * ones that applied the object.
   */
  write(sqlite: Sqlite, now: number): void {
    if (this.changes.length === 0) return;
    const digest = changesDigest(this.changes);
    const entry = appendAudit(
      sqlite,
      {
        entityType: SYNC_BATCH.entityType,
        entityId: digest.slice(0, 32),
        action: SYNC_BATCH.action,
        oldValues: null,
        newValues: { inputs: this.inputs, changes: this.changes.length, digest },
        userId: null,
        actor: 'sync',
        createdAt: now,
      },
      { indexIds: false },
    );
    let insert = inserts.get(sqlite);
    if (!insert) {
      insert = sqlite.prepare(
        `INSERT INTO audit_sync_changes (seq, n, entity_type, entity_id, action, old_values, new_values, root)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      inserts.set(sqlite, insert);
    }
    this.changes.forEach((c, n) =>
      insert.run(entry.seq, n, c.entity_type, c.entity_id, c.action, c.old_values, c.new_values, c.root),
    );
    statement(sqlite, 'INSERT INTO audit_batch_ids (rowid, ids) VALUES (?, ?)').run(
      entry.seq,
      batchIdsDocument(batchIds(entry.new_values, this.changes)),
    );
  }
}

/** Reads a batch entry's changes in order, for verify.ts and the Audit log. */
export const CHANGES_OF_BATCH =
  'SELECT n, entity_type, entity_id, action, old_values, new_values, root FROM audit_sync_changes WHERE seq = ? ORDER BY n';

/**
 * Why a `sync_batch` entry's stored changes do not match what its hashed values say (a change edited, removed or
 * added after it was written), or null when they match.
 */
export function batchChangesProblem(rows: StoredChange[], newValues: string | null): string | null {
  const said = (newValues === null ? {} : JSON.parse(newValues)) as { changes?: unknown; digest?: unknown };
  if (rows.length !== said.changes || rows.some((r, i) => r.n !== i))
    return `it names ${String(said.changes)} changes and ${rows.length} are stored under it: changes were removed or added`;
  if (changesDigest(rows) !== said.digest)
    return 'its changes were edited after it was written: their digest does not match the one it carries';
  return null;
}
