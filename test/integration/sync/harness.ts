// Sync test helpers: a small seeded scenario on an in-process simulator, a core pointed at it, and a database hash.
import type { IncomingMessage, ServerResponse } from 'node:http';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { closeAndForget, TEST_PASSWORD_COST } from '../../fixtures/core';
import { createCore, type Core, type CoreOptions } from '../../../src/main/core';
import { ManualClock } from '../../../src/main/clock';
import { MIGRATIONS_DIR } from '../../../src/main/host/paths';
import type { Sqlite } from '../../../src/main/db/open';
import type { SecretStore } from '../../../src/main/secrets/secret-store';
import {
  startSimulator,
  type RunningSimulator,
  type ScenarioOptions,
} from '../../../src/main/simulator/index';
import { connectStripe } from '../../../src/main/sync/connect';
import { STRIPE_KEY_SECRET } from '../../../src/main/sync/engine';
import { writeState } from '../../../src/main/sync/state';
import type { InputOf, JobProgress, MethodName, OutputOf } from '../../../src/shared/contract';
import { checkInvariants } from '../../../src/main/ledger/invariants';
import { ledgerHash } from '../../../src/main/projection/hash';
import { stripeBalanceOf } from '../../../src/main/ledger/balances';
import { PROJECTION } from '../../../src/main/domains';

export const TEST_KEY = 'sk_test_lplatesync1234';
export const FIXED_NOW = Date.parse('2026-11-25T09:00:00Z');

/** Three weeks of a small marketplace: every event is still listable at the end. */
export const SMALL: ScenarioOptions = {
  startDate: '2026-07-01',
  instructors: 4,
  learners: 24,
  weeks: 3,
  paymentsPerWeek: 14,
  refundBps: 1500,
  disputeBps: 500,
  codeBps: 3000,
  paidFridays: 2,
};

export function startSmallSimulator(seed: number, extra: ScenarioOptions = {}): Promise<RunningSimulator> {
  return startSimulator({ port: 0, seed, scenario: { ...SMALL, seed, ...extra } });
}

export function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    delete: (name) => void values.delete(name),
  };
}

/** A seeded generator for jitter and shuffles (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyncCore {
  core: Core;
  dir: string;
  close(): void;
}

/** A core on a fresh (or given) workspace, pointed at `port`, no timer, fixed local clock, fast retries. */
export async function openSyncCore(
  port: number,
  options: Partial<CoreOptions> & { dir?: string; seed?: number } = {},
): Promise<SyncCore> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'lplate-sync-'));
  const { seed = 1, ...rest } = options;
  const core = await createCore({
    strictContract: true,
    workspaceDir: dir,
    migrationsDir: MIGRATIONS_DIR,
    clock: new ManualClock(FIXED_NOW),
    log: () => {},
    autoSync: false,
    passwordCost: TEST_PASSWORD_COST,
    secrets: memorySecrets({ [STRIPE_KEY_SECRET]: TEST_KEY }),
    stripeApi: { host: '127.0.0.1', port, protocol: 'http' },
    ...rest,
    sync: {
      rateLimitPerSecond: 0,
      retry: { baseDelayMs: 2, maxDelayMs: 40, maxAttempts: 8, random: seeded(seed) },
      pageSize: 100,
      ...rest.sync,
    },
  });
  return {
    core,
    dir,
    close() {
      // A folder the caller gave is theirs to open again: its keyring stays with it.
      if (options.dir) core.close();
      else closeAndForget(core, dir);
    },
  };
}

/** Connects (as the system) and waits for the first backfill and pass. */
export async function connectAndSync(core: Core): Promise<JobProgress | null> {
  const jobId = await connectStripe(core.services, core.sync, TEST_KEY, { userId: null });
  return core.sync.wait(jobId);
}

/** Marks the workspace connected without the first backfill; with `eventsFrom`, the poll starts there. */
export function markConnected(core: Core, eventsFrom?: number): void {
  const { sqlite } = core.services;
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', true, FIXED_NOW);
    writeState(sqlite, 'mode', 'test', FIXED_NOW);
    writeState(sqlite, 'key_last4', TEST_KEY.slice(-4), FIXED_NOW);
    if (eventsFrom !== undefined) writeState(sqlite, 'events_cursor', eventsFrom, FIXED_NOW);
  })();
}

export async function runJob(core: Core, kind: 'sync' | 'backfill'): Promise<JobProgress | null> {
  return core.sync.wait(core.sync.run(kind));
}

/** Tables sync never writes or whose rows are about this run rather than the data. */
const NOT_HASHED = new Set([
  'audit_logs',
  // The numbers of projection_refs' keys, hashed by their text there.
  'projection_keys',
  // The audit log's id index, derived from audit_logs.
  'audit_ids',
  // A sync batch's changes, part of its audit entry: how inputs fall into batches and slices shapes them.
  'audit_sync_changes',
  'sync_state',
  'operators',
  'settings_history',
  'schema_migrations',
  'jobs',
  'workspace_identity',
  // When each hour's money rows last changed (the lock flag's marks): it follows the order inputs arrived in.
  'recon_change_marks',
  // Which accounts the invariants must prove again, and where the last clean check stood: they follow what changed.
  'ledger_unproven',
  'ledger_proof',
]);
const NOT_HASHED_COLUMNS = new Set(['received_at', 'updated_at']);
/** Tables hashed through a query of their own. */
const HASHED_AS: Record<string, string> = {
  sync_errors: 'SELECT scope, code, object_id, event_id FROM sync_errors WHERE resolved_at IS NULL',
  // Each object's state as read through its reference (the state, as when it was a copy), not which input holds
  // it: two inputs can hold the same state at the same version, and whichever came first keeps the reference.
  stripe_objects:
    'SELECT id, object_type, account, created, version, payload, observed_at FROM stripe_object_states',
  // Which root reads which key, by the keys' text: their numbers follow the order keys were first named.
  projection_refs: 'SELECT ref, root FROM projection_ref_keys',
};

/**
 * Hashes of everything sync and projection write, per table, in a stable order: raw events and observations
 * (without receipt times), objects, the projected tables and journal, and the open errors (which, not how often).
 */
export function tableHashes(sqlite: Sqlite): Record<string, string> {
  // Ordinary tables only: a full-text index (virtual and shadow tables) is derived, and its bytes depend on rowids.
  const tables = sqlite
    .prepare(
      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const out: Record<string, string> = {};
  for (const table of tables) {
    if (NOT_HASHED.has(table)) continue;
    const rows = sqlite.prepare(HASHED_AS[table] ?? `SELECT * FROM "${table}"`).all();
    const lines = (rows as Record<string, unknown>[])
      .map((row) => JSON.stringify(Object.entries(row).filter(([column]) => !NOT_HASHED_COLUMNS.has(column))))
      .sort();
    out[table] = createHash('sha256')
      .update(`${lines.length}\n${lines.join('\n')}`)
      .digest('hex');
  }
  out['(ledgerHash)'] = ledgerHash(PROJECTION, sqlite).hash;
  return out;
}

export function syncHash(sqlite: Sqlite): string {
  return createHash('sha256')
    .update(JSON.stringify(tableHashes(sqlite)))
    .digest('hex');
}

/** The tables whose hashes differ (for readable failures). */
export function differingTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((t) => a[t] !== b[t]).sort();
}

/**
 * The ledger's invariants (every transaction balances, prepaid and payable match their sources) and, when
 * the simulator is given, the ledger's Stripe balance equals the simulator's platform balance.
 */
export function ledgerProblems(sqlite: Sqlite, sim?: RunningSimulator): unknown[] {
  const problems: unknown[] = checkInvariants(PROJECTION, sqlite).violations;
  if (sim) {
    const b = sim.control.summary().balances.platform!;
    const stripe = b.available + b.pending;
    const ledger = stripeBalanceOf(sqlite);
    if (stripe !== ledger) problems.push({ code: 'stripe_balance_mismatch', stripe, ledger });
  }
  return problems;
}

/** A closed workspace's table hashes, read from its file — or its ledger problems, named, when it has any. */
export function workspaceHashes(dir: string, sim: RunningSimulator): Record<string, string> {
  const db = new Database(join(dir, 'lplate.sqlite'), { readonly: true });
  try {
    const problems = ledgerProblems(db, sim);
    if (problems.length > 0) return { '(ledger problems)': JSON.stringify(problems) };
    return tableHashes(db);
  } finally {
    db.close();
  }
}

export function count(sqlite: Sqlite, sql: string, ...params: unknown[]): number {
  return sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;
}

export const OPERATOR_PASSWORD = 'correct-horse-battery';

/**
 * Makes the first admin (signed in on the connection `admin`) and the given operators, each signed in on a
 * connection named by their username.
 */
export async function signedInOperators(
  core: Core,
  operators: { username: string; name: string; role: 'support' | 'finance' | 'manager' | 'admin' }[],
): Promise<void> {
  const ok = async (connection: string, method: MethodName, input: unknown) => {
    const r = await core.dispatcher.call(connection, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  };
  await ok('admin', 'auth.createFirstAdmin', {
    username: 'admin',
    name: 'Ada Admin',
    email: 'ada@lplate.test',
    password: OPERATOR_PASSWORD,
  });
  for (const o of operators) {
    await ok('admin', 'operators.add', {
      ...o,
      email: `${o.username}@lplate.test`,
      password: OPERATOR_PASSWORD,
    });
    await ok(o.username, 'auth.signIn', { username: o.username, password: OPERATOR_PASSWORD });
  }
}

/** Calls contract methods as a connection (an operator's username), throwing the contract's error with its code. */
export function contractCaller(core: Core) {
  return async <M extends MethodName>(
    connection: string,
    method: M,
    input: InputOf<M>,
  ): Promise<OutputOf<M>> => {
    const r = await core.dispatcher.call(connection, method, input);
    if (!r.ok)
      throw Object.assign(new Error(r.error.message), { code: r.error.code, details: r.error.details });
    return r.data as OutputOf<M>;
  };
}

/** Waits through the contract (as `connection`) until a job has ended. */
export async function jobEnded(core: Core, jobId: string, connection = 'admin'): Promise<JobProgress> {
  const call = contractCaller(core);
  for (;;) {
    const job = await call(connection, 'jobs.wait', { jobId, timeoutSeconds: 30 });
    if (job.state !== 'queued' && job.state !== 'running') return job;
  }
}

/** Passes a request on to the simulator on `port` and its answer back, as it came (for proxies in front of it). */
export function forward(req: IncomingMessage, res: ServerResponse, port: number): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void fetch(`http://127.0.0.1:${port}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
    }).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
  });
}
