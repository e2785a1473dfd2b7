// What every contract handler receives: the core's services plus who is calling.
import type { MethodName, OutputOf, ParsedInputOf } from '../../shared/contract';
import type { Role } from '../../shared/contract/define';
import type { SessionStatus } from '../../shared/contract/auth';
import type { Clock } from '../clock';
import type { Db, Sqlite } from '../db/open';
import type { SessionStore } from '../auth/sessions';
import type { PushBus } from './push-bus';
import type { Projection } from '../projection/registry';
import type { JobRunner } from '../jobs/runner';
import type { Outbox } from '../outbox/index';
import type { ExportFiles } from '../exports/files';
import type { PdfRenderer } from '../documents/pdf';

export interface WorkspaceInfo {
  dir: string;
  name: string;
  mode: SessionStatus['workspace']['mode'];
  demoCredentials: SessionStatus['demoCredentials'];
}

/** How this process serves the workspace: set by the transport that serves it to other computers. */
export interface ServerInfo {
  mode: 'team' | 'local';
  fingerprint: string | null;
  startedAt: number;
}

export interface CoreServices {
  db: Db;
  sqlite: Sqlite;
  clock: Clock;
  sessions: SessionStore;
  push: PushBus;
  workspace: WorkspaceInfo;
  /** Every domain's projectors and tables (src/main/domains.ts). */
  projection: Projection;
  /** Every long job of the workspace (sync passes, backfills, Stripe writes…). */
  jobs: JobRunner;
  /** Stripe writes: committed first, then sent with their stored idempotency keys. */
  outbox: Outbox;
  /** Served to a team over TLS, or local; for `server.health`. */
  server: ServerInfo;
  /** Whether this process runs the workspace's background writes. */
  writer: { held: boolean };
  /** Where finished exports go: the app's save dialog, or the host's one-time downloads. */
  files: ExportFiles;
  /** scrypt's N for new password hashes (operators/passwords.ts). */
  passwordCost: number;
  /** Prints HTML documents to PDF; null when the workspace was opened without a printer. */
  pdf: PdfRenderer | null;
}

export interface CallingOperator {
  id: string;
  username: string;
  name: string;
  role: Role;
}

export interface HandlerContext extends CoreServices {
  connectionId: string;
  /** Where the call comes from, as its transport describes it (kept on a session that signs in). */
  from: string;
  /** Set for every non-public method; for public ones, whoever is signed in on the connection, if anyone. */
  operator: CallingOperator | null;
}

export type Handler<M extends MethodName> = (
  ctx: HandlerContext,
  input: ParsedInputOf<M>,
) => OutputOf<M> | Promise<OutputOf<M>>;

export type Handlers<M extends MethodName> = { [K in M]: Handler<K> };

/** The operator of a method that is not public (the dispatcher guarantees one). */
export function requireOperator(ctx: HandlerContext): CallingOperator {
  if (!ctx.operator) throw new Error('handler of a signed-in method called without an operator');
  return ctx.operator;
}
