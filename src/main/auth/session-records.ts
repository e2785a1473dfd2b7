// Keeps the sessions the HTTP host issued in the workspace, so a server restart signs nobody out: only a SHA-256 of
// each session id is stored (the id itself lives in the client's cookie and this process's memory), with when it
// started, was last active and ended — an ended session stays ended.
import { createHash } from 'node:crypto';
import type { Sqlite } from '../db/open';
import type { SessionSummary } from './sessions';

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');

/** A session as kept: what an admin sees of it, and the hash of its id. */
export type StoredSession = SessionSummary & { hash: string };

export interface SessionRecords {
  /** The sessions not ended (the store judges idleness and lifetime itself). */
  open(): StoredSession[];
  add(session: StoredSession): void;
  active(hash: string, at: number): void;
  end(hash: string, at: number, reason: string): void;
}

export function sqliteSessionRecords(sqlite: Sqlite): SessionRecords {
  return {
    open: () =>
      sqlite
        .prepare(
          `SELECT id_hash AS hash, ref, operator_id AS operatorId, connection, from_label AS "from",
             started_at AS startedAt, last_active_at AS lastActive
           FROM team_sessions WHERE ended_at IS NULL ORDER BY started_at`,
        )
        .all() as StoredSession[],
    add: (s) =>
      void sqlite
        .prepare(
          `INSERT INTO team_sessions (id_hash, ref, operator_id, connection, from_label, started_at, last_active_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(s.hash, s.ref, s.operatorId, s.connection, s.from, s.startedAt, s.lastActive),
    active: (hash, at) =>
      void sqlite
        .prepare('UPDATE team_sessions SET last_active_at = ? WHERE id_hash = ? AND ended_at IS NULL')
        .run(at, hash),
    end: (hash, at, reason) =>
      void sqlite
        .prepare(
          'UPDATE team_sessions SET ended_at = ?, ended_reason = ? WHERE id_hash = ? AND ended_at IS NULL',
        )
        .run(at, reason, hash),
  };
}

/** Ends every kept session (a backup's copy: a session ended after the copy was made must not come back with it). */
export function endKeptSessions(sqlite: Sqlite, at: number, reason: string): void {
  sqlite
    .prepare('UPDATE team_sessions SET ended_at = ?, ended_reason = ? WHERE ended_at IS NULL')
    .run(at, reason);
}
