// The team workspace: who is signed in where, ending a session, and the server's health (admins only).
import { z } from 'zod';
import { method } from './define';
import { noInput } from './common';
import type { OperatorView } from './auth';

export interface SessionView {
  /** A handle for this session that is not its secret id (which only its own client ever holds). */
  ref: string;
  operator: Pick<OperatorView, 'id' | 'username' | 'name' | 'role'>;
  /** Where it signed in from: an address and the client, or this computer's app or command line. */
  from: string;
  startedAt: number;
  lastActiveAt: number;
  /** The session of the admin asking. */
  current: boolean;
}

export interface ServerHealth {
  version: string;
  /** The newest migration applied to the workspace, and how many there are. */
  schema: { latest: string; migrations: number };
  /** 'team' when the workspace is served to other computers over TLS, else 'local'. */
  mode: 'team' | 'local';
  /** The certificate's SHA-256 fingerprint, which clients pin (team mode). */
  fingerprint: string | null;
  startedAt: number;
  sessions: number;
  /** The process that runs the workspace's sync, outbox and schedule. */
  writer: { pid: number; host: string; held: boolean };
}

export const teamContract = {
  'sessions.list': method<SessionView[]>()({
    input: noInput,
    access: ['admin'],
    reads: ['operators', 'audit_logs'],
    writes: [],
    summary: 'Lists every signed-in session: who, from where, since when.',
  }),
  'sessions.end': method<null>()({
    input: z.strictObject({ ref: z.uuid({ message: 'That session is not one the console knows.' }) }),
    access: ['admin'],
    reads: ['operators'],
    writes: ['audit_logs'],
    summary: 'Ends one session; its client is signed out at once.',
  }),
  'server.health': method<ServerHealth>()({
    input: noInput,
    access: ['admin'],
    reads: ['sync_state'],
    writes: [],
    summary: "The server's version, schema version, mode, certificate fingerprint and sessions.",
  }),
};
