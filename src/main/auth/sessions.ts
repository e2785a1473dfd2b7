// Who is signed in on each connection, and the 15-minute idle lock.
import type { Clock } from '../clock';

export const IDLE_LOCK_MS = 15 * 60 * 1000;

interface Session {
  operatorId: string;
  lastSeen: number;
}

export type SessionLookup = { state: 'active'; operatorId: string } | { state: 'none' } | { state: 'idle' };

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  constructor(
    private readonly clock: Clock,
    readonly idleLockMs = IDLE_LOCK_MS,
  ) {}

  signIn(connectionId: string, operatorId: string): void {
    this.sessions.set(connectionId, { operatorId, lastSeen: this.clock.now() });
  }

  signOut(connectionId: string): void {
    this.sessions.delete(connectionId);
  }

  /** The operator on a connection; touching it keeps it awake. An idle session is ended on sight. */
  touch(connectionId: string): SessionLookup {
    const session = this.sessions.get(connectionId);
    if (!session) return { state: 'none' };
    const now = this.clock.now();
    if (now - session.lastSeen > this.idleLockMs) {
      this.sessions.delete(connectionId);
      return { state: 'idle' };
    }
    session.lastSeen = now;
    return { state: 'active', operatorId: session.operatorId };
  }

  /** The operator on a connection without touching it (public methods such as auth.status). */
  peek(connectionId: string): string | null {
    const session = this.sessions.get(connectionId);
    if (!session || this.clock.now() - session.lastSeen > this.idleLockMs) return null;
    return session.operatorId;
  }

  /** Ends every idle session and returns their connection ids (so the transport can tell the window). */
  sweepIdle(): string[] {
    const now = this.clock.now();
    const ended: string[] = [];
    for (const [connectionId, session] of this.sessions) {
      if (now - session.lastSeen > this.idleLockMs) {
        this.sessions.delete(connectionId);
        ended.push(connectionId);
      }
    }
    return ended;
  }

  endAllFor(operatorId: string): string[] {
    const ended: string[] = [];
    for (const [connectionId, session] of this.sessions) {
      if (session.operatorId === operatorId) {
        this.sessions.delete(connectionId);
        ended.push(connectionId);
      }
    }
    return ended;
  }
}
