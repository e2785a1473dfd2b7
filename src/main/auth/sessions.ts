// Who is signed in where: main issues each sign-in an unguessable session id, bound to the connection that signed in.
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';

export const IDLE_LOCK_MS = 15 * 60 * 1000;

interface Session {
  id: string;
  operatorId: string;
  connection: string;
  lastSeen: number;
}

export type SessionLookup = { state: 'active'; operatorId: string } | { state: 'none' } | { state: 'idle' };

/**
 * A connection is whatever a transport can vouch for: an Electron webContents (`wc:7`), a CLI run, or — for the
 * HTTP host — the session id the browser presents in its cookie, which `connectionOf` turns back into the
 * connection it was issued to. The id itself is 32 random bytes made here; no client ever chooses it.
 */
export class SessionStore {
  private readonly byConnection = new Map<string, Session>();
  private readonly byId = new Map<string, Session>();
  constructor(
    private readonly clock: Clock,
    readonly idleLockMs = IDLE_LOCK_MS,
  ) {}

  /** Starts a session on a connection (ending the one it had) and returns the new session's id. */
  signIn(connectionId: string, operatorId: string): string {
    this.signOut(connectionId);
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      operatorId,
      connection: connectionId,
      lastSeen: this.clock.now(),
    };
    this.byConnection.set(connectionId, session);
    this.byId.set(session.id, session);
    return session.id;
  }

  signOut(connectionId: string): void {
    const session = this.byConnection.get(connectionId);
    if (!session) return;
    this.byConnection.delete(connectionId);
    this.byId.delete(session.id);
  }

  /** The connection a presented session id was issued to, or null for an id main does not know. */
  connectionOf(sessionId: string): string | null {
    return this.byId.get(sessionId)?.connection ?? null;
  }

  /** The id of the session on a connection (the HTTP host hands it to the browser as a cookie), or null. */
  sessionIdOf(connectionId: string): string | null {
    return this.byConnection.get(connectionId)?.id ?? null;
  }

  /** The operator on a connection; touching it keeps it awake. An idle session is ended on sight. */
  touch(connectionId: string): SessionLookup {
    const session = this.byConnection.get(connectionId);
    if (!session) return { state: 'none' };
    const now = this.clock.now();
    if (now - session.lastSeen > this.idleLockMs) {
      this.signOut(connectionId);
      return { state: 'idle' };
    }
    session.lastSeen = now;
    return { state: 'active', operatorId: session.operatorId };
  }

  /** The operator on a connection without touching it (public methods such as auth.status). */
  peek(connectionId: string): string | null {
    const session = this.byConnection.get(connectionId);
    if (!session || this.clock.now() - session.lastSeen > this.idleLockMs) return null;
    return session.operatorId;
  }

  /** Ends every idle session and returns their connection ids (so the transport can tell the window). */
  sweepIdle(): string[] {
    const now = this.clock.now();
    const ended: string[] = [];
    for (const [connectionId, session] of this.byConnection) {
      if (now - session.lastSeen > this.idleLockMs) {
        this.signOut(connectionId);
        ended.push(connectionId);
      }
    }
    return ended;
  }

  endAllFor(operatorId: string): string[] {
    const ended: string[] = [];
    for (const [connectionId, session] of this.byConnection) {
      if (session.operatorId === operatorId) {
        this.signOut(connectionId);
        ended.push(connectionId);
      }
    }
    return ended;
  }
}
