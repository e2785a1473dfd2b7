// Who is signed in where: main issues each sign-in an unguessable session id, bound to the connection that signed in;
// a session ends after 15 minutes without operator activity, and in any case once it reaches its lifetime. Sessions
// of the HTTP host's clients are also kept in the workspace (session-records.ts), so a restart signs nobody out.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { hashSessionId, type SessionRecords } from './session-records';

export const IDLE_LOCK_MS = 15 * 60 * 1000;
const IDLE_LOCK_MESSAGE = 'Locked after 15 minutes idle.';

/** A kept session's last activity is written at most this often (a call does not write each time). */
const ACTIVE_WRITE_EVERY_MS = 60_000;

interface Session {
  /** The secret id; null for a session restored after a restart until its client presents it again. */
  id: string | null;
  hash: string;
  /** Kept in the workspace (records), not only in memory. */
  kept: boolean;
  /** The last activity written to the records. */
  savedActive: number;
  /** A handle an admin can see and end it by; not the secret id. */
  ref: string;
  operatorId: string;
  /** Where it signed in from (the transport says: an address and client, this computer's app, the CLI). */
  from: string;
  connection: string;
  startedAt: number;
  /** The last call the operator made (not a background refresh). */
  lastActive: number;
}

/** Why a session ended on its own, in the words the window shows. */
export interface SessionEnd {
  state: 'locked' | 'signedOut';
  reason: string;
}

/** A session as an admin sees it: never its secret id. */
export interface SessionSummary {
  ref: string;
  operatorId: string;
  connection: string;
  from: string;
  startedAt: number;
  lastActive: number;
}

export type SessionLookup =
  { state: 'active'; operatorId: string } | { state: 'none' } | { state: 'ended'; end: SessionEnd };

export interface SessionStoreOptions {
  /** The absolute lifetime in force now (the `session_lifetime_hours` setting), in ms. */
  lifetimeMs: () => number;
  idleLockMs?: number;
  /** Where sessions of connections that `keeps` are kept across restarts. */
  records?: SessionRecords;
  keeps?: (connectionId: string) => boolean;
}

/**
 * A connection is whatever a transport can vouch for: an Electron webContents (`wc:7`), a CLI run, or — for the
 * HTTP host — the session id the browser presents in its cookie, which `connectionOf` turns back into the
 * connection it was issued to. The id itself is 32 random bytes made here; no client ever chooses it.
 */
export class SessionStore {
  private readonly byConnection = new Map<string, Session>();
  private readonly byHash = new Map<string, Session>();
  readonly idleLockMs: number;
  constructor(
    private readonly clock: Clock,
    private readonly options: SessionStoreOptions,
  ) {
    this.idleLockMs = options.idleLockMs ?? IDLE_LOCK_MS;
    for (const stored of options.records?.open() ?? []) {
      const session: Session = { ...stored, id: null, kept: true, savedActive: stored.lastActive };
      this.byConnection.set(session.connection, session);
      this.byHash.set(session.hash, session);
    }
  }

  /** Starts a session on a connection (ending the one it had) and returns the new session's id. */
  signIn(connectionId: string, operatorId: string, from: string): string {
    this.signOut(connectionId);
    const now = this.clock.now();
    const id = randomBytes(32).toString('base64url');
    const records = this.options.keeps?.(connectionId) ? this.options.records : undefined;
    const session: Session = {
      id,
      hash: hashSessionId(id),
      kept: records !== undefined,
      savedActive: now,
      ref: randomUUID(),
      operatorId,
      from,
      connection: connectionId,
      startedAt: now,
      lastActive: now,
    };
    this.byConnection.set(connectionId, session);
    this.byHash.set(session.hash, session);
    records?.add(session);
    return id;
  }

  /** Ends the session on a connection; `why` is kept with a kept session's record. */
  signOut(connectionId: string, why = 'Signed out.'): void {
    const session = this.byConnection.get(connectionId);
    if (!session) return;
    this.byConnection.delete(connectionId);
    this.byHash.delete(session.hash);
    if (session.kept) this.options.records?.end(session.hash, this.clock.now(), why);
  }

  /** The connection a presented session id was issued to, or null for an id main does not know. */
  connectionOf(sessionId: string): string | null {
    const session = this.byHash.get(hashSessionId(sessionId));
    if (!session) return null;
    session.id = sessionId;
    return session.connection;
  }

  /** The id of the session on a connection (the HTTP host hands it to the browser as a cookie), or null. */
  sessionIdOf(connectionId: string): string | null {
    return this.byConnection.get(connectionId)?.id ?? null;
  }

  private endOf(session: Session, now: number): SessionEnd | null {
    const lifetime = this.options.lifetimeMs();
    if (now - session.startedAt > lifetime) {
      const hours = Math.round(lifetime / 3_600_000);
      return {
        state: 'signedOut',
        reason: `Signed out: sessions last ${hours} hour${hours === 1 ? '' : 's'} at most.`,
      };
    }
    if (now - session.lastActive > this.idleLockMs) return { state: 'locked', reason: IDLE_LOCK_MESSAGE };
    return null;
  }

  /**
   * The operator on a connection. A call the operator made (`activity`) keeps the session awake; a background
   * refresh (a poll, a screen refreshing after a push) does not. An idle or expired session is ended on sight.
   */
  touch(connectionId: string, activity: boolean): SessionLookup {
    const session = this.byConnection.get(connectionId);
    if (!session) return { state: 'none' };
    const now = this.clock.now();
    const end = this.endOf(session, now);
    if (end) {
      this.signOut(connectionId, end.reason);
      return { state: 'ended', end };
    }
    if (activity) session.lastActive = now;
    if (session.kept && session.lastActive - session.savedActive >= ACTIVE_WRITE_EVERY_MS) {
      session.savedActive = session.lastActive;
      this.options.records?.active(session.hash, session.lastActive);
    }
    return { state: 'active', operatorId: session.operatorId };
  }

  /** The operator on a connection without touching it (public methods such as auth.status). */
  peek(connectionId: string): string | null {
    const session = this.byConnection.get(connectionId);
    if (!session || this.endOf(session, this.clock.now())) return null;
    return session.operatorId;
  }

  /** Ends every idle or expired session, with why (so the transport can tell the window). */
  sweep(): { connectionId: string; end: SessionEnd }[] {
    const now = this.clock.now();
    const ended: { connectionId: string; end: SessionEnd }[] = [];
    for (const [connectionId, session] of this.byConnection) {
      const end = this.endOf(session, now);
      if (end) {
        this.signOut(connectionId, end.reason);
        ended.push({ connectionId, end });
      }
    }
    return ended;
  }

  /** Every session still in force (an idle or expired one is left to the sweep, which tells its client), oldest first. */
  list(): SessionSummary[] {
    const now = this.clock.now();
    return [...this.byConnection.values()]
      .filter((session) => !this.endOf(session, now))
      .sort((a, b) => a.startedAt - b.startedAt)
      .map(({ ref, operatorId, connection, from, startedAt, lastActive }) => ({
        ref,
        operatorId,
        connection,
        from,
        startedAt,
        lastActive,
      }));
  }

  /** The session with this handle, if it is still in force. */
  byRef(ref: string): SessionSummary | null {
    return this.list().find((s) => s.ref === ref) ?? null;
  }

  /** Ends the operator's sessions on every connection but `except`, and returns those connections. */
  endAllFor(operatorId: string, except?: string): string[] {
    const ended: string[] = [];
    for (const [connectionId, session] of this.byConnection) {
      if (session.operatorId === operatorId && connectionId !== except) {
        this.signOut(connectionId, 'Ended: the password or role changed.');
        ended.push(connectionId);
      }
    }
    return ended;
  }
}
