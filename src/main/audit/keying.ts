// Keys the audit chain with a secret held outside the database and anchors its head (sequence and hash) there too, so
// that rewriting the whole chain, re-keying it or cutting off its end no longer verifies (see verify.ts).
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { SecretStore } from '../secrets/secret-store';

export const AUDIT_KEY_SECRET = 'audit.key';
export const AUDIT_HEAD_SECRET = 'audit.head';
/** The entry that starts the keyed chain: every entry from it on carries an HMAC under the workspace's key. */
export const KEYED_MARKER = { entityType: 'audit_chain', action: 'keyed' } as const;

/** The chain's head as last seen by the console, kept outside the database file. */
export interface AuditAnchor {
  keyedFrom: number;
  seq: number;
  hash: string;
}

export class AuditKeyError extends Error {
  override name = 'AuditKeyError';
}

interface Keying {
  key: Buffer;
  keyedFrom: number;
  keyring: SecretStore;
  /** The highest head this process has anchored or read. */
  anchor: AuditAnchor | null;
}

/** SQLite's `synchronous = FULL`: a commit returns once it is on disk. */
const FULL_SYNC = 2;

const keyings = new WeakMap<Sqlite, Keying>();
/** For a database opened without a keyring (a script): whether its chain is keyed, looked up once. */
const keyedWithoutKey = new WeakMap<Sqlite, boolean>();

export function markerSeq(sqlite: Sqlite): number | null {
  return (
    (sqlite
      .prepare('SELECT seq FROM audit_logs WHERE action = ? AND entity_type = ? ORDER BY seq LIMIT 1')
      .pluck()
      .get(KEYED_MARKER.action, KEYED_MARKER.entityType) as number | undefined) ?? null
  );
}

function head(sqlite: Sqlite): { seq: number; hash: string } | null {
  return (
    (sqlite.prepare('SELECT seq, hash FROM audit_logs ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined) ?? null
  );
}

/** The anchor kept in the keyring; null when there is none yet. */
export function readAnchor(keyring: SecretStore): AuditAnchor | null {
  const text = keyring.get(AUDIT_HEAD_SECRET);
  if (text === null) return null;
  const value = JSON.parse(text) as Partial<AuditAnchor>;
  if (
    !Number.isSafeInteger(value.keyedFrom) ||
    !Number.isSafeInteger(value.seq) ||
    typeof value.hash !== 'string'
  )
    throw new AuditKeyError(`The audit head kept in ${keyring.where ?? 'the keyring'} is unreadable.`);
  return value as AuditAnchor;
}

/** The key an entry of this sequence is hashed with (null before the marker), refusing when the key is not here. */
export function keyFor(sqlite: Sqlite, seq: number): Buffer | null {
  const keying = keyings.get(sqlite);
  if (keying) return seq >= keying.keyedFrom ? keying.key : null;
  let keyed = keyedWithoutKey.get(sqlite);
  if (keyed === undefined) keyedWithoutKey.set(sqlite, (keyed = markerSeq(sqlite) !== null));
  if (keyed)
    throw new AuditKeyError(
      'This audit chain is keyed: only a console holding the workspace key can add to it.',
    );
  return null;
}

/** What verify needs: the key, where keying starts, and the highest anchor known (the keyring's or this process's). */
export function keyingFor(
  sqlite: Sqlite,
): { key: Buffer; keyedFrom: number; anchor: AuditAnchor | null } | null {
  const keying = keyings.get(sqlite);
  if (!keying) return null;
  const stored = readAnchor(keying.keyring);
  const anchor = !stored || (keying.anchor && keying.anchor.seq > stored.seq) ? keying.anchor : stored;
  return { key: keying.key, keyedFrom: keying.keyedFrom, anchor };
}

/**
 * Moves the anchor to the chain's head, after a commit that wrote audit entries. It only ever moves forward, and only
 * when the chain still holds the anchored entry unchanged: a cut or rewritten chain keeps its old anchor as evidence.
 */
export function advanceAnchor(sqlite: Sqlite): void {
  const keying = keyings.get(sqlite);
  if (!keying) return;
  // Never past entries a power cut could still take back (a sync slice committed without waiting for the disk,
  // apply-batch.ts): the next commit that waits for the disk anchors them.
  if ((sqlite.pragma('synchronous', { simple: true }) as number) < FULL_SYNC) return;
  const last = head(sqlite);
  const anchored = keying.anchor;
  if (!last || (anchored && last.seq <= anchored.seq)) return;
  if (anchored) {
    const hash = sqlite.prepare('SELECT hash FROM audit_logs WHERE seq = ?').pluck().get(anchored.seq);
    if (hash !== anchored.hash) return;
  }
  const anchor = { keyedFrom: keying.keyedFrom, seq: last.seq, hash: last.hash };
  keying.keyring.set(AUDIT_HEAD_SECRET, JSON.stringify(anchor));
  keying.anchor = anchor;
}

/**
 * Opens the chain's keying at start-up. A chain without a key gets one now (the upgrade: entries before the `keyed`
 * marker stay plain sha256, and verify as before); a keyed chain whose key is not in the keyring cannot be added to,
 * so the console refuses to open it. `appendMarker` writes the marker entry (the caller owns the audit record).
 */
export function openAuditKeying(
  sqlite: Sqlite,
  keyring: SecretStore,
  appendMarker: (seq: number) => void,
): void {
  const marker = markerSeq(sqlite);
  const anchor = readAnchor(keyring);
  let hex = keyring.get(AUDIT_KEY_SECRET);
  if (hex === null) {
    if (marker !== null || anchor !== null)
      throw new AuditKeyError(
        `This workspace's audit chain is keyed, but its key is not in ${keyring.where ?? 'the keyring'}. ` +
          'Restore the keyring from a backup (or open the workspace where it was made); the console will not add ' +
          'unverifiable entries to it.',
      );
    hex = randomBytes(32).toString('hex');
    keyring.set(AUDIT_KEY_SECRET, hex);
  }
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new AuditKeyError(`The audit key in ${keyring.where ?? 'the keyring'} is unreadable.`);
  // The anchor outside the file is trusted over the marker inside it: verify reports any disagreement.
  const keyedFrom = anchor?.keyedFrom ?? marker ?? (head(sqlite)?.seq ?? 0) + 1;
  keyings.set(sqlite, { key: Buffer.from(hex, 'hex'), keyedFrom, keyring, anchor });
  if (marker === null && anchor === null) appendMarker(keyedFrom);
  advanceAnchor(sqlite);
}
