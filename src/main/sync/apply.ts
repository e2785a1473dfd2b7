// Applies what Stripe told us — events and listed/fetched objects — exactly once and in any order:
// store the raw input, refuse malformed input as a recorded error, keep each object's newest state
// (see versions.ts) as a reference to the stored input that holds it, then project the objects that changed
// into the marketplace tables and the journal, audited as one entry for the batch (audit/sync-batch.ts).
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db/open';
import { recordSyncError } from '../db/sync-errors';
import { versionOf, type ObservationSource } from './versions';
import { projectObjects, type ChangedObject } from '../projection/project';
import type { Projection } from '../projection/registry';
import { confirmStripeWrite } from '../outbox/confirm';
import { SyncBatchAudit } from '../audit/sync-batch';
import { readState } from './state';

/** Object types the console keeps; anything else in an event is recorded as an error, not dropped silently. */
export const TRACKED_OBJECT_TYPES = [
  'account',
  'payment_intent',
  'charge',
  'refund',
  'transfer',
  'transfer_reversal',
  'payout',
  'balance_transaction',
  'dispute',
  'coupon',
  'promotion_code',
] as const;
const TRACKED = new Set<string>(TRACKED_OBJECT_TYPES);
/** Events about these describe no object the console keeps (`balance.available`): stored, nothing to merge. */
const INFORMATIONAL = new Set<string>(['balance']);

export type StripeInput =
  | { kind: 'event'; event: unknown }
  | {
      kind: 'observation';
      object: unknown;
      source: Exclude<ObservationSource, 'event'>;
      observedAt: number;
      /** Set for Stripe's answer to one of the console's writes: that write's outbox sequence. */
      writeSeq?: number | null;
      account?: string | null;
      /** The id it was stored under, when a rebuild reads it back (ids made by an older rule stay as they were). */
      storedId?: string;
    };

export interface ApplyReport {
  applied: number;
  duplicates: number;
  errors: number;
  changedObjects: number;
}

type StripeObjectJson = Record<string, unknown> & { id: string; object: string };

interface Statements {
  insertEvent: Statement;
  insertObservation: Statement;
  currentVersion: Statement;
  upsertObject: Statement;
  /** Whether the workspace holds observations stored under legacy ids (set once, by migration 0047). */
  legacyIds: boolean;
  observationExists: Statement;
}
const cache = new WeakMap<Sqlite, Statements>();
function statements(sqlite: Sqlite): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      insertEvent: sqlite.prepare(
        `INSERT OR IGNORE INTO stripe_events (id, type, created, object_type, object_id, account, payload, received_at, state, error)
         VALUES (@id, @type, @created, @object_type, @object_id, @account, @payload, @received_at, @state, @error)`,
      ),
      insertObservation: sqlite.prepare(
        `INSERT OR IGNORE INTO stripe_observations (id, object_id, object_type, account, source, observed_at, payload, received_at, write_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      currentVersion: sqlite.prepare('SELECT version FROM stripe_objects WHERE id = ?').pluck(),
      upsertObject: sqlite.prepare(
        `INSERT INTO stripe_objects (id, object_type, account, created, version, observed_at, event_id, observation_id)
         VALUES (@id, @object_type, @account, @created, @version, @observed_at, @event_id, @observation_id)
         ON CONFLICT(id) DO UPDATE SET version = excluded.version, observed_at = excluded.observed_at,
           account = excluded.account, event_id = excluded.event_id, observation_id = excluded.observation_id`,
      ),
      legacyIds: readState(sqlite, 'observation_ids_legacy') === true,
      observationExists: sqlite.prepare('SELECT 1 FROM stripe_observations WHERE id = ?'),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/**
 * An observation's ids, the same on every delivery of it. `id`: the second it was observed in hex, so a backfill's
 * inputs append to the id's index instead of landing at random in it (docs/sync.md, "Keys that append"), then 22 hex
 * digits of sha256 over the object, that second, the console's write it answers and the JSON. `legacy`: the id the
 * same input had before migration 0047, 32 hex digits of that sha256.
 */
export function observationIds(
  objectId: string,
  observedAt: number,
  writeSeq: number | null,
  payload: string,
): { id: string; legacy: string } {
  const hash = createHash('sha256')
    .update(`${objectId}\n${observedAt}\n${writeSeq ? `write ${writeSeq}\n` : ''}${payload}`)
    .digest('hex');
  const second = Math.max(0, Math.trunc(observedAt));
  return { id: second.toString(16).padStart(10, '0') + hash.slice(0, 22), legacy: hash.slice(0, 32) };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why an object cannot be applied, or null when it can. */
export function objectProblem(object: unknown): { code: string; message: string } | null {
  if (!isRecord(object) || typeof object.id !== 'string' || typeof object.object !== 'string') {
    return { code: 'malformed_object', message: 'The object has no id or type.' };
  }
  if (!TRACKED.has(object.object)) {
    return { code: 'unknown_type', message: `The console does not keep "${object.object}" objects.` };
  }
  if (typeof object.currency === 'string' && object.currency !== 'gbp') {
    return {
      code: 'wrong_currency',
      message: `${object.id} is in ${object.currency.toUpperCase()}; the console keeps GBP only.`,
    };
  }
  if ('created' in object && !Number.isSafeInteger(object.created)) {
    return { code: 'malformed_object', message: `${object.id} has no valid created time.` };
  }
  return null;
}

const HINTS: Record<string, string> = {
  malformed_event:
    'Stripe sent something the console cannot read. Nothing else is affected; report the event id.',
  malformed_object: 'Stripe sent an object the console cannot read. Nothing else is affected; report its id.',
  unknown_type: 'The console does not use this kind of event. Nothing to do unless you expected it to.',
  wrong_currency: 'The console keeps GBP only: handle this object in the Stripe Dashboard.',
};

/** Applies a batch. Call inside the transaction that also advances the sync cursor. */
export function applyInputs(
  projection: Projection,
  sqlite: Sqlite,
  inputs: StripeInput[],
  now: number,
): ApplyReport {
  if (!sqlite.inTransaction)
    throw new Error('applyInputs must run inside the transaction that advances the cursor');
  const s = statements(sqlite);
  const report: ApplyReport = { applied: 0, duplicates: 0, errors: 0, changedObjects: 0 };
  const changed = new Map<string, ChangedObject>();
  const audit = new SyncBatchAudit();

  /** Keeps `object` as the newest state when it is newer; `input` is the stored input that holds its JSON. */
  const merge = (
    object: StripeObjectJson,
    payload: string,
    input: { event_id: string; observation_id: null } | { event_id: null; observation_id: string },
    observedAt: number,
    source: ObservationSource,
    account: string | null,
    writeSeq: number | null = null,
  ) => {
    const version = versionOf(object, observedAt, source, payload, writeSeq);
    const current = s.currentVersion.get(object.id) as string | undefined;
    if (current !== undefined && current >= version) return;
    s.upsertObject.run({
      id: object.id,
      object_type: object.object,
      account,
      created: typeof object.created === 'number' ? object.created : observedAt,
      version,
      observed_at: observedAt,
      ...input,
    });
    changed.set(object.id, { object, account });
    confirmStripeWrite(sqlite, object, now);
  };

  for (const input of inputs) {
    if (input.kind === 'event') {
      const event = input.event;
      const valid =
        isRecord(event) &&
        typeof event.id === 'string' &&
        typeof event.type === 'string' &&
        Number.isSafeInteger(event.created) &&
        isRecord(event.data);
      if (!valid) {
        report.errors += 1;
        const eventId = isRecord(event) && typeof event.id === 'string' ? event.id : null;
        recordSyncError(
          sqlite,
          {
            scope: 'event',
            code: 'malformed_event',
            message: 'An event without id, type, created or data.',
            hint: HINTS.malformed_event!,
            eventId,
          },
          now,
        );
        continue;
      }
      const e = event as {
        id: string;
        type: string;
        created: number;
        account?: unknown;
        data: Record<string, unknown>;
      };
      const object = e.data.object;
      const informational = isRecord(object) && INFORMATIONAL.has(String(object.object));
      const problem = informational ? null : objectProblem(object);
      const objectId = isRecord(object) && typeof object.id === 'string' ? object.id : '';
      const result = s.insertEvent.run({
        id: e.id,
        type: e.type,
        created: e.created,
        object_type: isRecord(object) && typeof object.object === 'string' ? object.object : 'unknown',
        object_id: objectId,
        account: typeof e.account === 'string' ? e.account : null,
        payload: JSON.stringify(e),
        received_at: now,
        state: problem ? 'error' : 'applied',
        error: problem?.message ?? null,
      });
      if (result.changes === 0) {
        report.duplicates += 1;
        continue;
      }
      if (informational) {
        audit.input(e.id, objectId);
        report.applied += 1;
        continue;
      }
      if (problem) {
        report.errors += 1;
        recordSyncError(
          sqlite,
          {
            scope: 'event',
            code: problem.code,
            message: problem.message,
            hint: HINTS[problem.code]!,
            eventId: e.id,
            objectId: objectId || null,
          },
          now,
        );
        continue;
      }
      merge(
        object as StripeObjectJson,
        JSON.stringify(object),
        { event_id: e.id, observation_id: null },
        e.created as number,
        'event',
        typeof e.account === 'string' ? e.account : null,
      );
      audit.input(e.id, objectId);
      report.applied += 1;
    } else {
      const problem = objectProblem(input.object);
      if (problem) {
        report.errors += 1;
        const objectId =
          isRecord(input.object) && typeof input.object.id === 'string' ? input.object.id : null;
        recordSyncError(
          sqlite,
          {
            scope: 'object',
            code: problem.code,
            message: problem.message,
            hint: HINTS[problem.code]!,
            objectId,
          },
          now,
        );
        continue;
      }
      const object = input.object as StripeObjectJson;
      const payload = JSON.stringify(object);
      const { id, legacy } = input.storedId
        ? { id: input.storedId, legacy: null }
        : observationIds(object.id, input.observedAt, input.writeSeq ?? null, payload);
      // A workspace synced before migration 0047 holds its observations under their legacy ids: delivered again
      // (an event's embedded object, re-read by the next poll), the same input is a duplicate under that id too.
      const duplicate =
        (legacy !== null && s.legacyIds && s.observationExists.get(legacy) !== undefined) ||
        s.insertObservation.run(
          id,
          object.id,
          object.object,
          input.account ?? null,
          input.source,
          input.observedAt,
          payload,
          now,
          input.writeSeq ?? null,
        ).changes === 0;
      if (duplicate) {
        report.duplicates += 1;
        continue;
      }
      merge(
        object,
        payload,
        { event_id: null, observation_id: id },
        input.observedAt,
        input.source,
        input.account ?? null,
        input.writeSeq ?? null,
      );
      audit.input(id, object.id);
      report.applied += 1;
    }
  }
  report.changedObjects = changed.size;
  if (changed.size > 0) projectObjects(projection, sqlite, changed.values(), now, audit);
  audit.write(sqlite, now);
  return report;
}
