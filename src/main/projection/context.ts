// What every projector shares: cached statements, the work queue of roots, object loading, rows written with audit.
import type { AuditAction, AuditEntity } from '../../shared/names';
import type { Statement } from 'better-sqlite3';
import type { StripeJson } from '../stripe/json';
import type { Sqlite } from '../db/open';
import { appendAudit } from '../audit/chain';
import type { SyncBatchAudit } from '../audit/sync-batch';
import { recordSyncError } from '../db/sync-errors';
import { byRootNumber, keyNumber, OBJECTS_READ_SQL, rootsReading } from '../db/projection-keys';

export interface ProjectionOptions {
  /** Audit each changed entity (off during a rebuild, which writes one row for itself). */
  audit: boolean;
}

const options = new WeakMap<Sqlite, ProjectionOptions>();

/** Runs `work` with projection options (e.g. no per-entity audit during a rebuild). */
export function withProjectionOptions<T>(sqlite: Sqlite, o: ProjectionOptions, work: () => T): T {
  const previous = options.get(sqlite);
  options.set(sqlite, o);
  try {
    return work();
  } finally {
    if (previous) options.set(sqlite, previous);
    else options.delete(sqlite);
  }
}

const statementCache = new WeakMap<Sqlite, Map<string, Statement>>();

export class ProjectionContext {
  readonly audit: boolean;
  /** The root being projected: where a change in a sync batch came from. */
  root = '';
  private readonly statements: Map<string, Statement>;
  private readonly objectCache = new Map<string, StripeJson | null>();

  constructor(
    readonly sqlite: Sqlite,
    readonly now: number,
    private readonly enqueueRoot: (root: string) => void,
    /** A sync batch's audit, which gathers the changes; without one (a root re-projected by an operator's change), one entry per change. */
    readonly batch: SyncBatchAudit | null = null,
  ) {
    this.audit = options.get(sqlite)?.audit ?? true;
    let s = statementCache.get(sqlite);
    if (!s) statementCache.set(sqlite, (s = new Map()));
    this.statements = s;
  }

  /** A prepared statement, cached per database. */
  stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.sqlite.prepare(sql)));
    return s;
  }

  enqueue(root: string): void {
    this.enqueueRoot(root);
  }

  /** Every root that read `key` (an object id or a logical key such as `instructor:<id>`). */
  readers(key: string): string[] {
    return rootsReading(this.sqlite, key);
  }

  /** Re-projects every root that read `key`. */
  touch(key: string): void {
    for (const root of this.readers(key)) this.enqueueRoot(root);
  }

  /** Records that `root` reads `key`, so a later change of `key` re-projects it; true when it is a new reader. */
  ref(key: string, root: string): boolean {
    return (
      this.stmt('INSERT OR IGNORE INTO projection_refs (ref_key, root_key) VALUES (?, ?)').run(
        keyNumber(this.sqlite, key),
        keyNumber(this.sqlite, root),
      ).changes > 0
    );
  }

  /** Caches the newest state of an object that changed in this batch (already parsed by the caller). */
  remember(o: StripeJson): void {
    this.objectCache.set(o.id, o);
  }

  /** The stored state of one object, or undefined. */
  object(id: string): StripeJson | undefined {
    const o = this.objectCache.get(id);
    return (o === undefined ? this.load(id) : o) ?? undefined;
  }

  /**
   * Every stored object that `root` references, ordered by Stripe's created time then id. The order comes from
   * `stripe_objects` alone: a member already parsed in this batch is not read (nor its JSON cut from its event) again.
   */
  members(root: string): StripeJson[] {
    const ids = byRootNumber(
      this.sqlite,
      root,
      `SELECT o.id FROM (${OBJECTS_READ_SQL}) r JOIN stripe_objects o ON o.id = r.object_id ORDER BY o.created, o.id`,
    ) as string[];
    return ids.flatMap((id) => this.objectCache.get(id) ?? this.load(id) ?? []);
  }

  /** Reads and parses an object's stored state into the batch's cache (null when none is stored). */
  private load(id: string): StripeJson | null {
    const payload = this.stmt('SELECT payload FROM stripe_object_states WHERE id = ?').pluck().get(id) as
      string | undefined;
    const o = payload === undefined ? null : (JSON.parse(payload) as StripeJson);
    this.objectCache.set(id, o);
    return o;
  }

  error(objectId: string, code: string, message: string, hint: string): void {
    recordSyncError(this.sqlite, { scope: 'projection', code, message, hint, objectId }, this.now);
  }

  /** Marks an earlier projection error about this object resolved: a later pass (e.g. once a late payment arrived) succeeded. */
  clearError(objectId: string, code: string): void {
    this.stmt(
      `UPDATE sync_errors SET resolved_at = ? WHERE scope = 'projection' AND code = ? AND object_id = ? AND resolved_at IS NULL`,
    ).run(this.now, code, objectId);
  }

  auditChange(
    entityType: AuditEntity,
    entityId: string,
    action: AuditAction,
    oldValues: Record<string, unknown> | null,
    newValues: Record<string, unknown> | null,
  ): void {
    if (!this.audit) return;
    if (this.batch) return this.batch.change(entityType, entityId, action, oldValues, newValues, this.root);
    appendAudit(this.sqlite, {
      entityType,
      entityId,
      action,
      oldValues,
      newValues,
      userId: null,
      actor: 'sync',
      createdAt: this.now,
    });
  }

  /**
   * Lists an object as unattributed (kept in stripe_objects, not projected), or clears it when `reason` is null or
   * finance already decided about it (the attributions console record).
   */
  unattributed(
    o: { id: string; object: string; created?: unknown },
    reason: { code: string; message: string; amount?: number | null } | null,
  ): void {
    if (!reason || this.stmt('SELECT 1 FROM attributions WHERE object_id = ?').get(o.id)) {
      this.stmt('DELETE FROM unattributed_objects WHERE object_id = ?').run(o.id);
      return;
    }
    this.stmt(
      `INSERT INTO unattributed_objects (object_id, object_type, reason, message, amount_pence, created)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(object_id) DO UPDATE SET reason = excluded.reason, message = excluded.message,
         amount_pence = excluded.amount_pence, created = excluded.created, object_type = excluded.object_type`,
    ).run(
      o.id,
      o.object,
      reason.code,
      reason.message,
      reason.amount ?? null,
      typeof o.created === 'number' ? o.created * 1000 : 0,
    );
  }
}
