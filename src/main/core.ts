// Builds the console's core on a workspace folder: database, sessions, push bus, dispatcher and Stripe sync — with no Electron.
import { randomUUID } from 'node:crypto';
import { renameSync } from 'node:fs';
import { basename } from 'node:path';
import type { Core } from './core-types';
import { createDispatcher } from './dispatch/dispatcher';
import { createPushBus } from './api/push-bus';
import type { CoreServices, WorkspaceInfo } from './api/context';
import { sqliteSessionRecords } from './auth/session-records';
import { SessionStore } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import { openWorkspaceDatabase } from './db/open';
import { NO_WARMING, warmFileCache } from './db/warm-file';
import { JobRunner } from './jobs/runner';
import { createOutbox } from './outbox/index';
import { CODE_INTENT, codeFollowUp } from './codes/mirror';
import { PAYOUT_INTENT } from './payouts/transfers';
import { payoutFollowUp, stopRunsOnIdempotencyError } from './payouts/settle';
import {
  CLAWBACK_INTENT,
  clawbackFollowUp,
  waiveClawbacksOfFailedRefunds,
  deductRefusedReversals,
  refundFollowUp,
} from './refunds/clawbacks';
import { REFUND_INTENT } from './refunds/decide';
import { PayoutSchedule } from './payouts/schedule';
import type { SenderOptions } from './outbox/sender';
import { applyInputs } from './sync/apply';
import { projectRoots } from './projection/project';
import { readLease, WorkspaceBusyError, WriterLease } from './db/writer-lease';
import { trackChanges } from './db/changes';
import { createChangePublisher } from './api/change-publisher';
import { currentCall } from './api/call-scope';
import { PROJECTION } from './domains';
import type { SecretStore } from './secrets/secret-store';
import type { PdfRenderer } from './documents/pdf';
import { defaultKeyDir, fileKeyring } from './secrets/keyring-file';
import { openAuditChain } from './audit/open';
import { advanceAnchor } from './audit/keying';
import { workspaceIdentity } from './db/workspace-identity';
import { ensureDefaultSettings, settingOn } from './settings/service';
import { londonDate } from '../shared/dates';
import { checkedPasswordCost } from './operators/passwords';
import type { StripeApiAddress } from './stripe/client';
import { SyncEngine, type SyncEngineOptions } from './sync/engine';
import { registerSyncEngine, syncEngineOf } from './sync/registry';
import { readState, writeState } from './sync/state';
import { DEMO_CREDENTIALS } from './demo/credentials';
import {
  demoSettings,
  followWallClock,
  simulatorAddress,
  startDemoSimulator,
  type DemoSettings,
} from './demo/simulator';
import { OutdatedStateError } from './simulator/index';
import type { RunningSimulator } from './simulator/index';
import { ExportFiles, type SaveFilePort } from './exports/files';
import { EXPORT_JOB } from './exports/run-export';
import { RECON_JOB } from './recon/run-job';
import { KEPT_JOB, KeptReadRefresh } from './recon/kept-warm';

export interface CoreOptions {
  workspaceDir: string;
  migrationsDir: string;
  /**
   * Where the Stripe key is kept: the app's safeStorage store, or (host and CLI) a store made from the workspace's
   * keyring, where a connected key is kept beside the console's own keys.
   */
  secrets?: SecretStore | ((keyring: SecretStore) => SecretStore);
  /**
   * Where the console keeps its own keys (the audit chain's key and anchored head) for a workspace id: the app's
   * safeStorage store; by default a keyring file outside the workspace folder (secrets/keyring-file.ts).
   */
  keyring?: (workspaceId: string) => SecretStore;
  /** Prints documents (statements, reports) to PDF: Chromium for the host and CLI, printToPDF in the app. */
  pdf?: PdfRenderer;
  clock?: Clock;
  workspace?: Partial<Omit<WorkspaceInfo, 'dir'>>;
  log?: (message: string, error: unknown) => void;
  /** Where the Stripe API is (a simulator); real Stripe when omitted. A demo workspace uses its own simulator. */
  stripeApi?: StripeApiAddress;
  /** Poll Stripe on a timer and sync when the core opens (default true; tests and the CLI turn it off). */
  autoSync?: boolean;
  /**
   * Prepare (and, as the policy allows, execute) payout runs on the admin's schedule while this process holds the
   * writer lease (default: as autoSync — the desktop and `lplate serve` do, one-shot CLI commands do not).
   */
  payoutSchedule?: boolean;
  /** Overrides the poll interval setting, in ms. */
  pollIntervalMs?: number;
  /** Fine-tuning of the sync engine (retry policy, page sizes, rate limit, crash-test checkpoints). */
  sync?: Omit<SyncEngineOptions, 'secrets' | 'stripeApi' | 'autoSync' | 'pollIntervalMs' | 'log'>;
  /** Fine-tuning of the Stripe outbox (concurrency, retry timing, crash-test checkpoints). */
  outbox?: Omit<
    SenderOptions,
    'sqlite' | 'clock' | 'gateway' | 'connection' | 'applyObject' | 'log' | 'followUps' | 'reproject'
  >;
  /**
   * Carry out the workspace's background writes when no other process does: send Stripe writes, resume jobs
   * (default true; a one-shot CLI command opened beside the app leaves them to it).
   */
  background?: boolean;
  /**
   * Refuse to open the workspace when another live process runs its background writes (a server or the desktop):
   * two would each sync and send as if alone. One-shot CLI commands leave this off and work beside the holder.
   */
  exclusive?: boolean;
  /** Fails contract calls that write tables their method does not declare (tests turn it on). */
  strictContract?: boolean;
  /** scrypt's N for password hashes: OWASP's 2^17 unless given; never below the legacy 2^14 (tests use it). */
  passwordCost?: number;
  /** The app's save dialog for finished exports; without it (host, CLI) a file is kept for one download. */
  saveFile?: SaveFilePort;
  /** Makes a new workspace the demo workspace (its simulator runs in-process, persisted in the folder). */
  demo?: DemoSettings;
}

const SWEEP_EVERY_MS = 30_000;

export type { Core, SecretStore };

export async function createCore(options: CoreOptions): Promise<Core> {
  const clock = options.clock ?? systemClock;
  const passwordCost = checkedPasswordCost(options.passwordCost);
  const { sqlite, db, file, migrated } = openWorkspaceDatabase(options.workspaceDir, options.migrationsDir);
  const lease = new WriterLease(sqlite);
  if (options.exclusive && !lease.tryAcquire()) {
    const holder = readLease(sqlite)!;
    sqlite.close();
    throw new WorkspaceBusyError(options.workspaceDir, holder);
  }
  let keyring: SecretStore;
  try {
    const workspaceId = workspaceIdentity(sqlite, clock.now());
    keyring = (options.keyring ?? ((id) => fileKeyring(defaultKeyDir(), id)))(workspaceId);
    openAuditChain(sqlite, keyring, workspaceId, clock.now());
  } catch (error) {
    lease.release();
    sqlite.close();
    throw error;
  }
  const secrets = typeof options.secrets === 'function' ? options.secrets(keyring) : options.secrets;
  ensureDefaultSettings(sqlite, clock.now());
  const reproject = PROJECTION.rootsAfterMigrations(sqlite, migrated);
  if (reproject.length > 0)
    sqlite.transaction(() => projectRoots(PROJECTION, sqlite, reproject, clock.now())).immediate();
  if (options.demo && !readState(sqlite, 'demo')) writeState(sqlite, 'demo', options.demo, clock.now());
  const demo = readState(sqlite, 'demo');
  let simulator: RunningSimulator | null = null;
  try {
    if (demo) simulator = await startDemoSimulator(options.workspaceDir, demo);
  } catch (error) {
    lease.release();
    sqlite.close();
    if (!(error instanceof OutdatedStateError)) throw error;
    // Demo data only: set the old demo aside, untouched, and make a new one in its place.
    const aside = `${options.workspaceDir}.outdated-${new Date(clock.now()).toISOString().slice(0, 10)}-${randomUUID().slice(0, 8)}`;
    renameSync(options.workspaceDir, aside);
    const note = `The demo workspace was made by an older version of the console: it was moved to ${aside} and a new one is being made.`;
    if (options.log) options.log(note, null);
    else console.warn(`[lplate] ${note}`);
    return createCore({ ...options, demo: demoSettings(clock.now()) });
  }
  const log = options.log ?? ((message, error) => console.error(`[lplate] ${message}:`, error));
  const push = createPushBus(log);
  const changes = trackChanges(sqlite, log);
  const publisher = createChangePublisher(push);
  changes.onCommit((tables, transaction) => {
    // A transaction runs synchronously, so the call it ran for is the current one; a write made outside any
    // transaction is reported later and belongs to no call.
    if (transaction) for (const t of tables) currentCall()?.wrote.add(t);
    publisher.add(tables);
    if (tables.includes('audit_logs')) advanceAnchor(sqlite);
  });
  advanceAnchor(sqlite);
  const sessions = new SessionStore(clock, {
    lifetimeMs: () => settingOn(sqlite, 'session_lifetime_hours', londonDate(clock.now())) * 3_600_000,
    // The HTTP host's clients carry their session in a cookie, which outlives this process: theirs are kept.
    records: sqliteSessionRecords(sqlite),
    keeps: (connectionId) => connectionId.startsWith('http:'),
  });
  const jobs = new JobRunner({ sqlite, clock, push, log });
  jobs.define(EXPORT_JOB, { cancellable: true, keep: 50 });
  jobs.define(RECON_JOB, { cancellable: true, keep: 50 });
  jobs.define(KEPT_JOB, { cancellable: true, keep: 20 });
  const reprojectNow = (roots: readonly string[]) => projectRoots(PROJECTION, sqlite, roots, clock.now());
  const outbox = createOutbox({
    ...options.outbox,
    sqlite,
    clock,
    jobs,
    log,
    gateway: () => syncEngineOf(sqlite).connectedGateway(),
    connection: () => syncEngineOf(sqlite).connection(),
    followUps: {
      [CODE_INTENT]: codeFollowUp,
      [PAYOUT_INTENT]: payoutFollowUp,
      [REFUND_INTENT]: refundFollowUp,
      [CLAWBACK_INTENT]: clawbackFollowUp,
    },
    reproject: (roots, now) => projectRoots(PROJECTION, sqlite, roots, now),
    // What Stripe answered is the object's newest state: applied like a fetch, so the screens show it at once.
    applyObject: (object, observedAt, writeSeq) =>
      applyInputs(
        PROJECTION,
        sqlite,
        [{ kind: 'observation', object, source: 'fetch', observedAt, writeSeq }],
        clock.now(),
      ),
  });
  // A payout transfer Stripe refused as an idempotency error stops its run for a person; a clawback's reversal
  // Stripe refused becomes a deduction from the next run.
  outbox.sender.onChange(() => {
    if (!sqlite.open) return;
    stopRunsOnIdempotencyError(sqlite, clock.now());
    deductRefusedReversals(sqlite, clock.now());
  });
  // A write settled after its job ended (sync confirmed it, or a person did): the job ends again as its writes did.
  // A refund that failed after Stripe took it leaves no clawback behind.
  changes.onCommit((tables) => {
    if (tables.includes('refunds'))
      queueMicrotask(() => sqlite.open && waiveClawbacksOfFailedRefunds(sqlite, clock.now(), reprojectNow));
  });
  waiveClawbacksOfFailedRefunds(sqlite, clock.now(), reprojectNow);
  changes.onCommit((tables) => {
    if (tables.includes('stripe_requests'))
      queueMicrotask(() => sqlite.open && outbox.writesJobs.reopenSettled());
  });
  const connectedMode = readState(sqlite, 'connected') ? readState(sqlite, 'mode') : null;
  const services: CoreServices = {
    db,
    sqlite,
    clock,
    sessions,
    push,
    projection: PROJECTION,
    jobs,
    outbox,
    files: new ExportFiles(clock, options.saveFile ?? null),
    passwordCost,
    server: { mode: 'local', fingerprint: null, startedAt: clock.now() },
    writer: lease,
    pdf: options.pdf ?? null,
    workspace: {
      dir: options.workspaceDir,
      name: options.workspace?.name ?? basename(options.workspaceDir),
      mode: options.workspace?.mode ?? (demo ? 'demo' : (connectedMode ?? 'none')),
      demoCredentials: options.workspace?.demoCredentials ?? (demo ? DEMO_CREDENTIALS : []),
    },
  };
  const sim = simulator;
  let callsAnswered = 0;
  const sync = new SyncEngine(services, {
    callsSoFar: () => callsAnswered,
    ...options.sync,
    // The demo's simulator runs in this process: no Stripe limit to stay under.
    rateLimitPerSecond: options.sync?.rateLimitPerSecond ?? (simulator ? 0 : undefined),
    secrets,
    stripeApi: sim ? simulatorAddress(sim) : options.stripeApi,
    autoSync: options.autoSync ?? true,
    pollIntervalMs: options.pollIntervalMs,
    log,
    ...(sim ? { beforePass: () => followWallClock(sim, Date.now()) } : {}),
  });
  registerSyncEngine(sqlite, sync);
  const dispatcher = createDispatcher(services, log, {
    strictWrites: options.strictContract,
    onCall: () => {
      callsAnswered += 1;
    },
  });
  const sweep = setInterval(() => {
    for (const { connectionId, end } of sessions.sweep()) push.publish('session', end, connectionId);
  }, SWEEP_EVERY_MS);
  sweep.unref();
  // One process carries out the workspace's background writes; once every job kind is defined, the holder resumes
  // what the last process left running (or marks it interrupted).
  const schedule = new PayoutSchedule(services, log);
  const keptRead = new KeptReadRefresh(services, log);
  const scheduled = options.payoutSchedule ?? options.autoSync ?? true;
  if (options.background ?? true)
    lease.start(
      () => {
        jobs.resumeUnfinished();
        outbox.sender.start();
        if (scheduled) schedule.start();
        if (options.autoSync ?? true) keptRead.start();
      },
      () => {
        outbox.sender.stop();
        schedule.stop();
        keptRead.stop();
      },
    );
  sync.start();
  // Only a process that stays open (the desktop, a server) warms the cache; a one-shot command would pay for nothing.
  const warmer = (options.background ?? true) ? warmFileCache(file) : null;
  return {
    dispatcher,
    push,
    files: services.files,
    services,
    sync,
    simulator,
    schedule,
    keptRead,
    fileCacheWarmed: warmer?.done ?? NO_WARMING,
    workspaceDir: options.workspaceDir,
    close() {
      warmer?.stop();
      clearInterval(sweep);
      schedule.stop();
      keptRead.stop();
      sync.stop();
      outbox.sender.stop();
      lease.release();
      changes.stop();
      publisher.stop();
      sqlite.close();
      void simulator?.close();
      void options.pdf?.close();
    },
  };
}
