// An in-memory LplateBridge derived from the contract: inputs validated by the contract's own zod schemas, roles by its
// `access`, typed answers, `changed` pushes after writes. No network. Also bundled into the screenshot harness.
import { fakePayouts } from './fake-payouts';
import {
  contract,
  describeIssues,
  isMethodName,
  type ApiError,
  type MethodName,
  type OutputOf,
  type ParsedInputOf,
  type JobProgress,
  type PushEventName,
  type PushEvents,
  type Result,
  type Role,
} from '@shared/contract';
import type { InvokeOptions, LplateBridge } from '@shared/contract/bridge';
import type { OperatorView, SessionStatus, WorkspaceMode } from '@shared/contract/auth';
import type { AuditEntry, ChainReport, SyncBatchChanges } from '@shared/contract/audit';
import { SETTING_KEYS, type SettingKey, type SettingVersion } from '@shared/contract/settings';
import type { InstructorRow } from '@shared/contract/instructors';
import type { DisputeRow } from '@shared/contract/disputes';
import type { PaymentDetail } from '@shared/contract/payments';
import type { SyncErrorView, SyncStatus } from '@shared/contract/sync';
import type { CodeDetail, CodeRow, CodeWrite } from '@shared/contract/codes';
import type { PersonMatch } from '@shared/contract/people';
import type { ServerHealth, SessionView } from '@shared/contract/team';
import type { DesktopWorkspaces } from '@shared/contract/desktop';
import { toCsv } from '@shared/csv';
import type { AuditAction, AuditEntity } from '@shared/names';
import { londonDate } from '@shared/dates';
import {
  codeDetailOf,
  codeStatus,
  connectedSync,
  demoCodes,
  demoMarketplace,
  listCodes,
  instructorTotals,
  listInstructors,
  listPayments,
  paymentTotals,
  listSyncErrors,
  overviewOf,
  pageOf,
  referrerRows,
} from './fake-marketplace';
import { FakeCredits } from './fake-credits';
import { fakeRefundHandlers } from './fake-refunds';

interface StoredOperator extends OperatorView {
  password: string;
}

export interface FakeOptions {
  mode?: WorkspaceMode;
  workspaceName?: string;
  /** Start with no operator (first run). */
  empty?: boolean;
  /** Username signed in at start. */
  signedInAs?: string | null;
  now?: number;
  demoCredentials?: SessionStatus['demoCredentials'];
}

type Handler = (input: never) => unknown;

let counter = 0;
const uuid = (): string => {
  counter += 1;
  const hex = counter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
};
const fakeHash = (n: number) =>
  Array.from({ length: 64 }, (_, i) => '0123456789abcdef'[(n * 7 + i * 13) % 16]).join('');

export class FakeBridge implements LplateBridge {
  readonly calls: { method: string; input: unknown; background: boolean }[] = [];
  operators: StoredOperator[] = [];
  audit: AuditEntry[] = [];
  /** A sync batch entry's changes, by its seq (what main keeps in audit_sync_changes). */
  batchChanges = new Map<number, SyncBatchChanges>();
  history: SettingVersion[] = [];
  current: StoredOperator | null = null;
  mode: WorkspaceMode;
  workspaceName: string;
  now: number;
  chain: ChainReport | null = null;
  demoCredentials: SessionStatus['demoCredentials'];
  payments: PaymentDetail[] = [];
  /** Set to count payments the way the server does past COUNT_STEP (null: exact totals). */
  paymentsCountStep: number | null = null;
  /** Set: a search's totals come back as the server gives a broad one's (a lower bound of the count, no sums). */
  broadSearchCount: number | null = null;
  /** Set: the totals line counts this many payments (as a workspace far larger than the fake's rows would). */
  paymentsTotalCount: number | null = null;
  instructors: InstructorRow[] = [];
  /** null: `sync.status` answers as a console without the sync engine does (an error), so the shell says "not connected". */
  sync: SyncStatus | null = null;
  syncErrors: SyncErrorView[] = [];
  /** Jobs as `jobs.list` answers them, newest first. */
  jobs: JobProgress[] = [];
  codes: CodeRow[] = [];
  /** The Stripe writes made for each code (newest first), as `codes.get` lists them. */
  codeWrites = new Map<string, CodeWrite[]>();
  /** Totals `codes.get` answers instead of the ones summed from the payments (a subsidy, say). */
  codeTotals = new Map<string, Partial<CodeDetail['totals']>>();
  /** Generated batches: batch id → codes. */
  batches = new Map<string, string[]>();
  /** People `people.search` finds (learners, referrers). */
  people: PersonMatch[] = [];
  /** Keys `stripe.connect` refuses, with the error main would answer (a rejected key, Stripe out of reach…). */
  stripeRefusals = new Map<string, ApiError>();
  /** What `desktop.workspaces` answers (the browser console's answer unless a test sets the desktop's). */
  desktop: DesktopWorkspaces = { available: false, current: null, recent: [], problem: null };
  /** Signed-in sessions, as `sessions.list` answers them. */
  sessions: SessionView[] = [];
  health: ServerHealth = {
    version: '0.1.0',
    schema: { latest: '0016_example', migrations: 17 },
    mode: 'team',
    fingerprint: 'AB:CD:EF',
    startedAt: Date.UTC(2026, 10, 25, 8, 0),
    sessions: 2,
    writer: { pid: 4242, host: 'lplate-server', held: true },
  };
  private failures = new Map<string, ApiError>();
  private delays = new Map<string, Promise<void>>();
  private listeners = new Map<PushEventName, Set<(payload: never) => void>>();

  constructor(options: FakeOptions = {}) {
    this.mode = options.mode ?? 'demo';
    this.workspaceName = options.workspaceName ?? 'Demo workspace';
    this.now = options.now ?? Date.UTC(2026, 10, 25, 9, 14);
    this.demoCredentials = options.demoCredentials ?? [];
    if (!options.empty) {
      this.seedOperator('ada', 'Ada Lovelace', 'admin', 'correct horse battery');
      this.seedOperator('max', 'Max Manager', 'manager', 'correct horse battery');
      this.seedOperator('fin', 'Farah Finance', 'finance', 'correct horse battery');
      this.seedOperator('sam', 'Sam Patel', 'support', 'correct horse battery');
      this.history.push(
        {
          id: uuid(),
          key: 'platform_fee_bps',
          value: 1800,
          effectiveFrom: '2026-01-01',
          createdAt: this.now - 86_400_000 * 300,
          createdByName: null,
        },
        {
          id: uuid(),
          key: 'refund_approval_limit_pence',
          value: 15_000,
          effectiveFrom: '2026-01-01',
          createdAt: this.now - 86_400_000 * 300,
          createdByName: null,
        },
        {
          id: uuid(),
          key: 'session_lifetime_hours',
          value: 12,
          effectiveFrom: '2026-01-01',
          createdAt: this.now - 86_400_000 * 300,
          createdByName: null,
        },
      );
    }
    const who = options.signedInAs === undefined ? null : options.signedInAs;
    this.current = who ? (this.operators.find((o) => o.username === who) ?? null) : null;
  }

  seedOperator(
    username: string,
    name: string,
    role: Role,
    password: string,
    extra: Partial<StoredOperator> = {},
  ): StoredOperator {
    const op: StoredOperator = {
      id: uuid(),
      username,
      name,
      email: `${username}@lplate.example`,
      role,
      isActive: true,
      lastSignInAt: null,
      createdAt: this.now - 86_400_000 * (40 - this.operators.length),
      password,
      ...extra,
    };
    this.operators.push(op);
    return op;
  }

  addAudit(entry: Partial<AuditEntry> & { entityType: AuditEntity; action: AuditAction }): AuditEntry {
    const seq = this.audit.length + 1;
    const full: AuditEntry = {
      id: uuid(),
      seq,
      entityId: uuid(),
      oldValues: null,
      newValues: null,
      userId: this.current?.id ?? null,
      operatorName: this.current?.name ?? null,
      actor: this.current ? 'operator' : 'system',
      createdAt: this.now + seq * 60_000,
      hash: fakeHash(seq),
      ...entry,
    };
    this.audit.push(full);
    return full;
  }

  /** Answers `method` with this handler from now on (a screen the fake's data cannot reach otherwise). */
  answer<M extends MethodName>(method: M, handler: (input: ParsedInputOf<M>) => OutputOf<M>): void {
    (this.handlers as Record<string, unknown>)[method] = handler;
  }

  /** The next call of `method` answers this error. */
  failNext(method: MethodName, error: ApiError): void {
    this.failures.set(method, error);
  }

  /** Holds answers of `method` until the returned release function is called. */
  hold(method: MethodName): () => void {
    let release = () => undefined as void;
    this.delays.set(method, new Promise<void>((r) => (release = r)));
    return () => {
      this.delays.delete(method);
      release();
    };
  }

  emit<E extends PushEventName>(event: E, payload: PushEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: PushEvents[E]) => void)(payload);
  }

  on<E extends PushEventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  async invoke(method: string, input: unknown, options?: InvokeOptions): Promise<Result<unknown>> {
    this.calls.push({ method, input, background: options?.background === true });
    await Promise.resolve();
    const held = this.delays.get(method);
    if (held) await held;
    if (!isMethodName(method))
      return { ok: false, error: { code: 'not_found', message: `No method ${method}` } };
    const failure = this.failures.get(method);
    if (failure) {
      this.failures.delete(method);
      return { ok: false, error: failure };
    }
    const spec = contract[method];
    if (spec.access !== 'public') {
      if (!this.current)
        return {
          ok: false,
          error: { code: 'unauthenticated', message: 'Signed out. Sign in again to continue.' },
        };
      if (spec.access !== 'signedIn' && !(spec.access as readonly Role[]).includes(this.current.role)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: `Your role (${this.current.role}) cannot use ${method}.` },
        };
      }
    }
    const parsed = spec.input.safeParse(input);
    if (!parsed.success)
      return { ok: false, error: { code: 'validation', ...describeIssues(parsed.error.issues) } };
    const handler = (this.handlers as Record<string, Handler>)[method];
    try {
      const data = handler!(parsed.data as never);
      if (spec.writes.length > 0) this.emit('changed', { tables: [...spec.writes] });
      // Answers cross a process boundary in the real app: never share objects with the caller.
      return { ok: true, data: data === undefined ? data : JSON.parse(JSON.stringify(data)) };
    } catch (e) {
      if (e instanceof FakeError) return { ok: false, error: e.error };
      throw e;
    }
  }

  private view(op: StoredOperator): OperatorView {
    const { password: _password, ...view } = op;
    return view;
  }

  /** Disputes as Stripe reported them (none unless a test adds some). */
  disputes: DisputeRow[] = [];

  /** Learner credits and lesson completions (the Credits page). */
  readonly credits = new FakeCredits(
    () => this.now,
    () => this.current?.name ?? null,
  );

  private handlers: { [M in MethodName]: (input: ParsedInputOf<M>) => OutputOf<M> } = {
    ...this.credits.handlers(),
    ...fakePayouts((message) => {
      throw new FakeError('not_found', message);
    }),
    ...fakeRefundHandlers(
      (message) => {
        throw new FakeError('not_found', message);
      },
      () => this.disputes,
    ),
    'auth.status': () => ({
      needsFirstAdmin: this.operators.length === 0,
      operator: this.current ? this.view(this.current) : null,
      workspace: { name: this.workspaceName, mode: this.mode },
      idleLockMinutes: 15,
      demoCredentials: this.demoCredentials,
    }),
    'auth.createFirstAdmin': (input) => {
      if (this.operators.length > 0) throw new FakeError('conflict', 'This workspace already has an admin.');
      const op = this.seedOperator(input.username, input.name, 'admin', input.password, {
        email: input.email,
        createdAt: this.now,
      });
      this.current = op;
      this.addAudit({
        entityType: 'operator',
        action: 'create',
        entityId: op.id,
        newValues: { username: op.username, role: 'admin' },
      });
      return this.view(op);
    },
    'auth.signIn': (input) => {
      const op = this.operators.find(
        (o) => o.username === input.username && o.password === input.password && o.isActive,
      );
      if (!op) throw new FakeError('unauthenticated', 'Wrong username or password.');
      op.lastSignInAt = this.now;
      this.current = op;
      return this.view(op);
    },
    'auth.signOut': () => {
      this.current = null;
      return null;
    },
    'auth.changePassword': () => null,
    'operators.list': (input) => {
      const col = input.sort.column;
      const key = (o: StoredOperator): string | number =>
        col === 'created_at'
          ? o.createdAt
          : col === 'last_sign_in_at'
            ? (o.lastSignInAt ?? 0)
            : (o[col as 'username' | 'name' | 'role'] as string);
      const rows = this.operators
        .filter((o) => input.includeInactive || o.isActive)
        .sort((a, b) => {
          const ka = key(a);
          const kb = key(b);
          const c = ka < kb ? -1 : ka > kb ? 1 : 0;
          return input.sort.direction === 'asc' ? c : -c;
        });
      const start = (input.page - 1) * input.pageSize;
      return {
        rows: rows.slice(start, start + input.pageSize).map((o) => this.view(o)),
        total: rows.length,
        page: input.page,
        pageSize: input.pageSize,
      };
    },
    'operators.add': (input) => {
      if (this.operators.some((o) => o.username === input.username)) {
        throw new FakeError('validation', 'Some fields need attention.', {
          issues: [{ path: ['username'], message: 'is already taken' }],
        });
      }
      if (input.role === 'admin' && this.current?.role !== 'admin')
        throw new FakeError('forbidden', 'Only an admin may add an admin.');
      const op = this.seedOperator(input.username, input.name, input.role, input.password, {
        email: input.email,
        createdAt: this.now,
      });
      this.addAudit({
        entityType: 'operator',
        action: 'create',
        entityId: op.id,
        newValues: { username: op.username, name: op.name, role: op.role },
      });
      return this.view(op);
    },
    'operators.setRole': (input) => {
      const op = this.find(input.id);
      const old = op.role;
      op.role = input.role;
      this.addAudit({
        entityType: 'operator',
        action: 'role_changed',
        entityId: op.id,
        oldValues: { role: old },
        newValues: { role: op.role },
      });
      return this.view(op);
    },
    'operators.setActive': (input) => {
      const op = this.find(input.id);
      if (op.id === this.current?.id && !input.active)
        throw new FakeError('conflict', 'You cannot deactivate yourself.');
      const old = op.isActive;
      op.isActive = input.active;
      this.addAudit({
        entityType: 'operator',
        action: input.active ? 'reactivated' : 'deactivated',
        entityId: op.id,
        oldValues: { is_active: old },
        newValues: { is_active: input.active },
      });
      return this.view(op);
    },
    'sessions.list': () => this.sessions,
    'sessions.end': (input) => {
      const session = this.sessions.find((x) => x.ref === input.ref);
      if (!session) throw new FakeError('not_found', 'That session has already ended.');
      this.sessions = this.sessions.filter((x) => x !== session);
      this.addAudit({ entityType: 'operator', action: 'session_ended', entityId: session.operator.id });
      return null;
    },
    'server.health': () => this.health,
    'desktop.workspaces': () => this.desktop,
    'desktop.probe': (input) => ({
      url: input.url,
      fingerprint: Array.from({ length: 32 }, (_, i) =>
        (i * 7).toString(16).padStart(2, '0').slice(-2).toUpperCase(),
      ).join(':'),
      version: '0.1.0',
      compatible: true,
    }),
    'desktop.open': (input) => {
      this.desktop = {
        ...this.desktop,
        current: input.target,
        recent: [input.target, ...this.desktop.recent],
      };
      return this.desktop;
    },
    'audit.list': (input) => {
      const q = input.q?.toLowerCase();
      let rows = this.audit.filter(
        (e) =>
          (!input.entityType || e.entityType === input.entityType) &&
          (!input.action || e.action === input.action) &&
          (!input.operatorId || e.userId === input.operatorId) &&
          (!q ||
            JSON.stringify(e).toLowerCase().includes(q) ||
            // A batch that changed an entity of the id searched, as main's id index finds it.
            (this.batchChanges.get(e.seq)?.changes ?? []).some((c) => c.entityId.startsWith(input.q!))),
      );
      const col = input.sort.column;
      const key = (e: AuditEntry) =>
        col === 'seq' ? e.seq : col === 'entity_type' ? e.entityType : e.action;
      rows = rows.sort((a, b) => {
        const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.seq - b.seq;
        return input.sort.direction === 'asc' ? c : -c;
      });
      const start = (input.page - 1) * input.pageSize;
      return {
        rows: rows.slice(start, start + input.pageSize),
        total: rows.length,
        page: input.page,
        pageSize: input.pageSize,
      };
    },
    'audit.facets': () => ({
      entityTypes: [...new Set(this.audit.map((e) => e.entityType))].sort(),
      actions: [...new Set(this.audit.map((e) => e.action))].sort(),
      operators: this.operators
        .filter((o) => this.audit.some((e) => e.userId === o.id))
        .map((o) => ({ id: o.id, name: o.name })),
    }),
    'audit.export': () => noFiles(),
    'audit.changes': (input) => {
      const batch = this.batchChanges.get(input.seq) ?? { inputs: [], total: 0, changes: [] };
      const changes = batch.changes.filter((c) => !input.q || c.entityId.startsWith(input.q));
      return { inputs: batch.inputs, total: changes.length, changes: changes.slice(0, input.pageSize) };
    },
    'audit.verify': () =>
      this.chain ?? {
        intact: true,
        checked: this.audit.length,
        keyedFrom: 1,
        head: null,
        anchor: null,
        firstBroken: null,
      },
    'settings.get': () => {
      const today = new Date(this.now).toISOString().slice(0, 10);
      const current = {} as Record<SettingKey, number>;
      for (const key of SETTING_KEYS) {
        const inForce = this.history
          .filter((h) => h.key === key && h.effectiveFrom <= today)
          .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.createdAt - b.createdAt);
        current[key] = inForce[inForce.length - 1]?.value ?? 0;
      }
      return { today, current, history: this.history };
    },
    'payments.list': (input) => listPayments(this.payments, input, this.paymentsCountStep),
    'payments.totals': (input) =>
      this.broadSearchCount !== null && input.q
        ? { count: this.broadSearchCount, capped: true as const }
        : {
            ...paymentTotals(this.payments, input),
            ...(this.paymentsTotalCount ? { count: this.paymentsTotalCount } : {}),
          },
    'payments.export': () => noFiles(),
    'payments.get': (input) => {
      const found = this.payments.find((p) => p.payment.id === input.id);
      if (!found) throw new FakeError('not_found', 'That payment was not found.');
      return found;
    },
    'payments.facets': () => ({
      instructors: [
        ...new Map(this.payments.map((p) => [p.payment.instructor.id, p.payment.instructor])).values(),
      ].sort((a, b) => a.name.localeCompare(b.name)),
      codes: [...new Set(this.payments.flatMap((p) => (p.payment.code ? [p.payment.code] : [])))].sort(),
    }),
    'instructors.list': (input) => listInstructors(this.instructors, input),
    'instructors.totals': (input) => instructorTotals(this.instructors, input),
    'instructors.export': () => noFiles(),
    'overview.summary': (input) => overviewOf(this.payments, input.period, this.now),
    'overview.attention': () => [],
    'search.find': () => [],
    'ledger.hash': () => {
      throw new FakeError('internal', 'The fake bridge keeps no ledger tables to hash.');
    },
    'ledger.rebuild': () => {
      throw new FakeError('internal', 'The fake bridge keeps no stored Stripe inputs to rebuild from.');
    },
    'ledger.invariants': () => {
      const unbalanced = this.payments.flatMap((p) =>
        p.journal.filter((t) => t.lines.reduce((sum, l) => sum + l.amountPence, 0) !== 0),
      );
      return {
        ok: unbalanced.length === 0,
        violations: unbalanced.map((t) => ({
          code: 'unbalanced',
          message: `Transaction ${t.id} does not sum to zero.`,
          details: { transactionId: t.id },
        })),
      };
    },
    'unattributed.list': (input) => ({ rows: [], total: 0, page: input.page, pageSize: input.pageSize }),
    'unattributed.resolve': (input) => ({
      objectId: input.objectId,
      decision: input.resolution === 'not_marketplace' ? 'not_marketplace' : 'attributed',
    }),
    'sync.status': () => {
      if (!this.sync) throw new FakeError('internal', 'sync.status has no handler in this build.');
      return this.sync;
    },
    'sync.run': () => {
      if (!this.sync) throw new FakeError('internal', 'sync.run has no handler in this build.');
      return { jobId: 'job-1' };
    },
    'sync.errors': (input) => listSyncErrors(this.syncErrors, input),
    'jobs.list': (input) =>
      this.jobs
        .filter((j) => !input.kind || j.kind === input.kind)
        .filter((j) =>
          input.state === 'all'
            ? true
            : (input.state === 'active') === (j.state === 'running' || j.state === 'queued'),
        )
        .slice(0, input.limit),
    // Reconciliation needs the ledger and Stripe: its page is tested end to end (test/e2e/reconciliation.test.ts).
    'recon.locks': () => [],
    'recon.history': (input) => ({ rows: [], total: 0, page: input.page, pageSize: input.pageSize }),
    'recon.run': () => noLedger(),
    'recon.keptRead': () => ({ kept: null, refresh: null, connected: false, everyMinutes: 5 }),
    'recon.get': () => noLedger(),
    'recon.lock': () => noLedger(),
    'recon.charts': () => noLedger(),
    'recon.export': () => noLedger(),
    'codes.list': (input) => listCodes(this.codes, input),
    'codes.csv': (input) => {
      const { rows } = listCodes(this.codes, { ...input, page: 1, pageSize: this.codes.length || 1 });
      return {
        filename: `${input.kind}-codes-${londonDate(this.now)}.csv`,
        csv: toCsv(
          ['Code', 'Percent off', 'Uses', 'Status'],
          rows.map((r) => [r.code, r.percentage, r.usesCount, r.status]),
        ),
      };
    },
    'codes.get': (input) => {
      const code = this.code(input.codeId);
      const detail = codeDetailOf(code, this.payments, this.now);
      return {
        ...detail,
        totals: { ...detail.totals, ...this.codeTotals.get(code.id) },
        writes: this.codeWrites.get(code.id) ?? [],
      };
    },
    'codes.create': (input) => {
      this.requireNew(input.code);
      this.requireFuture(input.expiresOn);
      if (input.kind === 'referral' && !input.referrerId)
        throw fieldError('referrerId', 'a referral code names its referrer: choose a person.');
      const referrer = input.referrerId ? this.people.find((p) => p.id === input.referrerId) : null;
      if (input.referrerId && !referrer)
        throw fieldError('referrerId', 'no person with this id is known to the console.');
      const jobId = this.startCodeJob(`Create ${input.code} in Stripe`, [`Create ${input.code}`]);
      const row = this.newCode(input.kind, input.code, input, referrer ?? null, null, jobId);
      this.addAudit({
        entityType: `${input.kind}_code`,
        action: 'created',
        entityId: row.id,
        newValues: { code: row.code, percentage: row.percentage, max_uses: row.maxUses },
      });
      return { codeId: row.id, code: row.code, jobId };
    },
    'codes.generate': (input) => {
      this.requireFuture(input.expiresOn);
      const batchId = uuid();
      const codes = Array.from({ length: input.count }, (_, i) => {
        const tail = (0x3a7f1 + i * 7919).toString(36).toUpperCase().padStart(6, 'X').slice(-6);
        return `${input.prefix.replace(/-+$/, '')}-${tail}`;
      }).sort();
      const jobId = this.startCodeJob(
        `Create ${input.count} ${input.prefix} code${input.count === 1 ? '' : 's'} in Stripe`,
        codes.map((c) => `Create ${c}`),
      );
      for (const code of codes) {
        const row = this.newCode('discount', code, input, null, batchId, jobId);
        this.addAudit({ entityType: 'discount_code', action: 'created', entityId: row.id });
      }
      this.batches.set(batchId, codes);
      return { batchId, jobId, codes };
    },
    'codes.update': (input) => {
      const code = this.code(input.codeId);
      if (code.stripe.state === 'sending')
        throw new FakeError('conflict', `A change to ${code.code} is still on its way to Stripe (sent).`);
      if (input.maxUses !== undefined && input.maxUses !== null && input.maxUses < code.usesCount)
        throw fieldError(
          'maxUses',
          `${code.code} has been used ${code.usesCount} times: its limit cannot be lower than that.`,
        );
      if (input.expiresOn !== undefined) this.requireFuture(input.expiresOn);
      const verb = input.active === undefined ? 'Change' : input.active ? 'Reactivate' : 'Deactivate';
      const jobId = this.startCodeJob(`${verb} ${code.code} in Stripe`, [`${verb} ${code.code}`]);
      const old = { active: code.isActive, max_uses: code.maxUses, expires_on: code.expiresOn };
      if (input.active !== undefined) code.isActive = input.active;
      if (input.maxUses !== undefined) code.maxUses = input.maxUses;
      if (input.expiresOn !== undefined) code.expiresOn = input.expiresOn;
      code.status = codeStatus(code, londonDate(this.now));
      code.stripe = { state: 'sending', detail: null, jobId };
      code.flags = code.flags.filter((f) => f.kind !== 'made_in_stripe');
      this.recordWrite(code, jobId, `${verb} ${code.code}`);
      this.addAudit({
        entityType: `${code.kind}_code`,
        action: 'updated',
        entityId: code.id,
        oldValues: old,
        newValues: {
          active: code.isActive,
          max_uses: code.maxUses,
          expires_on: code.expiresOn,
          ...(input.note ? { note: input.note } : {}),
        },
      });
      return { jobId };
    },
    'codes.resend': (input) => {
      const code = this.code(input.codeId);
      if (code.stripe.state !== 'refused' && code.stripe.state !== 'out_of_step')
        throw new FakeError('conflict', `${code.code} is already in step with Stripe: nothing to send.`);
      const jobId = this.startCodeJob(`Send ${code.code} to Stripe again`, [`Update ${code.code}`]);
      code.stripe = { state: 'sending', detail: null, jobId };
      this.recordWrite(code, jobId, `Update ${code.code}`);
      this.addAudit({ entityType: `${code.kind}_code`, action: 'resent', entityId: code.id });
      return { jobId };
    },
    'codes.adopt': (input) => {
      const code = this.code(input.codeId);
      if (code.stripe.state !== 'stripe_only')
        throw new FakeError('conflict', 'The console manages this code already.');
      code.stripe = { state: 'in_step' };
      code.takenOverBy = this.current?.name ?? null;
      code.flags = code.flags.filter((f) => f.kind !== 'made_in_stripe');
      this.addAudit({ entityType: `${code.kind}_code`, action: 'adopted', entityId: code.id });
      return { codeId: code.id };
    },
    'codes.batchCsv': (input) => {
      const codes = this.batches.get(input.batchId);
      if (!codes) throw new FakeError('not_found', 'A batch with this id was not found.');
      const rows = codes.map((c) => {
        const r = this.codes.find((x) => x.code === c)!;
        return [r.code, r.percentage, r.maxUses, r.expiresOn, r.stripe.state];
      });
      return {
        filename: `codes-${codes[0]!.split('-')[0]!.toLowerCase()}-${londonDate(this.now)}.csv`,
        csv: toCsv(['code', 'percentage', 'max_uses', 'expires_on', 'stripe'], rows),
      };
    },
    'codes.referrers': (input) => pageOf(referrerRows(this.codes, this.people, input.sort, input.q), input),
    'codes.referrersCsv': (input) => {
      const rows = referrerRows(this.codes, this.people, { column: input.sort, direction: 'desc' });
      return {
        filename: `referrers-by-${input.sort}-${londonDate(this.now)}.csv`,
        csv: toCsv(
          ['name', 'email', 'codes', 'referred_learners', 'uses', 'revenue'],
          rows.map((r) => [
            r.referrer.name,
            r.referrer.email,
            r.codes.join(' '),
            r.referredLearners,
            r.uses,
            (r.revenuePence / 100).toFixed(2),
          ]),
        ),
      };
    },
    'people.search': (input) => {
      const q = input.q.toLowerCase();
      return this.people
        .filter((p) => p.name.toLowerCase().includes(q) || p.email.toLowerCase().includes(q))
        .sort((a, b) => a.name.localeCompare(b.name))
        .slice(0, input.limit);
    },
    'jobs.get': (input) => this.job(input.jobId),
    'jobs.wait': (input) => this.job(input.jobId),
    'jobs.settleWrite': (input) => {
      const job = this.jobs.find((j) => j.items.some((i) => i.writeId === input.writeId));
      const item = job?.items.find((i) => i.writeId === input.writeId);
      if (!job || !item) throw new FakeError('not_found', 'A Stripe write with this id was not found.');
      if (item.state !== 'unknown')
        throw new FakeError('conflict', `This write is not waiting for a decision: it is ${item.state}.`);
      if (input.stripeId?.startsWith('tr_9'))
        throw fieldError('stripeId', `${input.stripeId} was made by another write (lplate_request_id 1d2c).`);
      Object.assign(
        item,
        input.stripeId === null
          ? { state: 'failed', detail: `Not made in Stripe, as ${this.current!.name} found: ${input.note}` }
          : { state: 'succeeded', detail: `Done in Stripe (${input.stripeId}).`, stripeId: input.stripeId },
      );
      if (!job.items.some((i) => i.state === 'unknown')) {
        const failed = job.items.some((i) => i.state === 'failed');
        Object.assign(job, {
          state: failed ? 'failed' : 'done',
          message: failed ? `Stripe refused 1 of ${job.items.length} writes.` : 'Done in Stripe.',
        });
      }
      this.emit('progress', job);
      return { state: item.state, detail: item.detail };
    },
    'jobs.cancel': (input) => {
      const job = this.job(input.jobId);
      if (!job.cancellable) throw new FakeError('conflict', 'This job has already finished.');
      Object.assign(job, {
        state: 'cancelled',
        cancellable: false,
        message: 'Cancelled.',
        finishedAt: this.now,
      });
      this.emit('progress', job);
      return job;
    },
    'stripe.connect': (input) => {
      const refusal = this.stripeRefusals.get(input.secretKey);
      if (refusal) throw new FakeError(refusal.code, refusal.message, refusal.details);
      const restricted = input.secretKey.startsWith('rk_');
      const backfill = jobProgress({
        jobId: uuid(),
        kind: 'backfill',
        state: 'running',
        message: 'Backfilling',
        createdAt: this.now,
        startedBy: this.current?.name ?? null,
        parts: [{ name: 'payment_intents', done: 0, total: null }],
      });
      this.jobs.unshift(backfill);
      this.sync = connectedSync(this.now, {
        mode: input.secretKey.includes('_live_') ? 'live' : 'test',
        account: { id: 'acct_1QRealPlatform', name: 'LPlate Ltd', country: 'GB' },
        keyLast4: input.secretKey.slice(-4),
        lastSyncAt: null,
        lastEventAt: null,
        lagSeconds: null,
        job: backfill,
        unreadable: restricted
          ? [{ resource: 'disputes', disables: 'Chargebacks and the money they withdraw.' }]
          : [],
        unwritable: restricted
          ? [
              {
                resource: 'refunds',
                permission: 'Core → Refunds: Write',
                disables: 'Refunds approved in the console.',
              },
            ]
          : [],
      });
      this.mode = this.sync.mode!;
      return { ...this.sync, backfillJobId: backfill.jobId };
    },
    'stripe.disconnect': () => {
      if (!this.sync?.connected)
        throw new FakeError('conflict', 'Stripe is not connected: there is nothing to disconnect.');
      this.sync = { ...this.sync, connected: false, mode: null, keyLast4: null, account: null, job: null };
      this.mode = 'none';
      return this.sync;
    },
    'settings.schedule': (input) => {
      const v: SettingVersion = {
        id: uuid(),
        key: input.key,
        value: input.value,
        effectiveFrom: input.effectiveFrom,
        createdAt: this.now,
        createdByName: this.current?.name ?? null,
      };
      this.history.push(v);
      this.addAudit({
        entityType: 'setting',
        action: 'schedule',
        entityId: v.id,
        newValues: { key: v.key, value: v.value, effective_from: v.effectiveFrom },
      });
      return v;
    },
  };

  /** Stripe answers a code job's writes (as the outbox's sender would): the codes go in step, or are refused. */
  settleCodeJob(jobId: string, outcome: { refused?: string } = {}): void {
    const job = this.job(jobId);
    for (const code of this.codes) {
      if (code.stripe.state !== 'sending' || code.stripe.jobId !== jobId) continue;
      code.stripe = outcome.refused
        ? { state: 'refused', reason: outcome.refused, jobId }
        : { state: 'in_step' };
      if (!outcome.refused) code.stripeTimesRedeemed ??= 0;
      for (const w of this.codeWrites.get(code.id) ?? [])
        if (w.jobId === jobId)
          Object.assign(
            w,
            outcome.refused ? { state: 'failed', detail: outcome.refused } : { state: 'succeeded' },
          );
    }
    Object.assign(job, {
      state: outcome.refused ? 'failed' : 'done',
      message: outcome.refused ?? 'Done in Stripe.',
      done: job.total ?? 0,
      cancellable: false,
      finishedAt: this.now,
    });
    job.items = job.items.map((i) =>
      outcome.refused
        ? { ...i, state: 'failed', detail: outcome.refused ?? null }
        : { ...i, state: 'succeeded' },
    );
    this.emit('progress', job);
    this.emit('changed', { tables: ['discount_codes', 'referral_codes', 'stripe_requests', 'jobs'] });
  }

  /** The id of the last job started for codes (create, generate, update, resend). */
  lastCodeJob(): string {
    return this.jobs.find((j) => j.kind === 'stripe_writes')!.jobId;
  }

  private code(id: string): CodeRow {
    const code = this.codes.find((c) => c.id === id);
    if (!code) throw new FakeError('not_found', 'A code with this id was not found.');
    return code;
  }

  private requireNew(text: string): void {
    if (this.codes.some((c) => c.code.toUpperCase() === text.toUpperCase()))
      throw fieldError(
        'code',
        `${text} already exists (codes are unique whatever their case). Choose another.`,
        'conflict',
      );
  }

  private requireFuture(expiresOn: string | null): void {
    const today = londonDate(this.now);
    if (expiresOn !== null && expiresOn < today)
      throw fieldError('expiresOn', `${expiresOn} is in the past (today is ${today}).`);
  }

  private startCodeJob(title: string, labels: string[]): string {
    const jobId = uuid();
    this.jobs.unshift(
      jobProgress({
        jobId,
        kind: 'stripe_writes',
        state: 'running',
        title,
        startedBy: this.current?.name ?? null,
        createdAt: this.now,
        done: 0,
        total: labels.length,
        items: labels
          .slice(0, 50)
          .map((label) => ({ writeId: uuid(), label, state: 'sent', detail: null, stripeId: null })),
      }),
    );
    return jobId;
  }

  private recordWrite(code: CodeRow, jobId: string, label: string): void {
    const writes = this.codeWrites.get(code.id) ?? [];
    writes.unshift({
      label,
      state: 'sent',
      detail: null,
      stripeId: null,
      writeId: uuid(),
      jobId,
      requestedBy: this.current?.name ?? null,
      requestedAt: this.now,
    });
    this.codeWrites.set(code.id, writes);
  }

  private newCode(
    kind: CodeRow['kind'],
    text: string,
    terms: { percentage: number; maxUses: number | null; expiresOn: string | null },
    referrer: PersonMatch | null,
    batchId: string | null,
    jobId: string,
  ): CodeRow {
    const row: CodeRow = {
      id: uuid(),
      kind,
      code: text,
      percentage: terms.percentage,
      usesCount: 0,
      maxUses: terms.maxUses,
      expiresOn: terms.expiresOn,
      isActive: true,
      status: 'active',
      referrer: referrer ? { id: referrer.id, name: referrer.name } : null,
      revenuePence: 0,
      madeIn: 'console',
      createdBy: this.current?.name ?? null,
      takenOverBy: null,
      createdAt: this.now,
      batchId,
      stripe: { state: 'sending', detail: null, jobId },
      stripePromotionCodeId: null,
      dashboardUrl: null,
      stripeTimesRedeemed: null,
      flags: [],
    };
    this.codes.push(row);
    this.recordWrite(row, jobId, `Create ${text}`);
    return row;
  }

  private job(id: string): JobProgress {
    const job = this.jobs.find((j) => j.jobId === id);
    if (!job) throw new FakeError('not_found', 'A job with this id was not found.');
    return job;
  }

  private find(id: string): StoredOperator {
    const op = this.operators.find((o) => o.id === id);
    if (!op) throw new FakeError('not_found', 'No such operator.');
    return op;
  }
}

/** A validation (or conflict) error naming its field, as main's `fieldError` makes them. */
function fieldError(field: string, message: string, code: ApiError['code'] = 'validation'): FakeError {
  return new FakeError(code, `${field}: ${message}`, { issues: [{ path: [field], message }] });
}

export class FakeError extends Error {
  readonly error: ApiError;
  constructor(code: ApiError['code'], message: string, details?: unknown) {
    super(message);
    this.error = details === undefined ? { code, message } : { code, message, details };
  }
}

/** A demo-looking workspace for screenshots and page tests: a signed-in operator and a few dozen audit entries. */
export function seedDemo(fake: FakeBridge): FakeBridge {
  const byName = (u: string) => fake.operators.find((o) => o.username === u)!;
  const ada = byName('ada');
  const actors = [ada, byName('max'), byName('fin')];
  fake.addAudit({
    entityType: 'operator',
    action: 'create',
    entityId: ada.id,
    userId: null,
    operatorName: null,
    actor: 'system',
    newValues: { username: 'ada', name: 'Ada Lovelace', role: 'admin' },
  });
  for (const u of ['max', 'fin', 'sam']) {
    const op = byName(u);
    fake.addAudit({
      entityType: 'operator',
      action: 'create',
      entityId: op.id,
      userId: ada.id,
      operatorName: ada.name,
      actor: 'operator',
      newValues: { username: op.username, name: op.name, email: op.email, role: op.role },
    });
  }
  fake.addAudit({
    entityType: 'setting',
    action: 'schedule',
    userId: ada.id,
    operatorName: ada.name,
    actor: 'operator',
    newValues: { key: 'platform_fee_bps', value: 1800, effective_from: '2026-01-01' },
  });
  for (let i = 0; i < 36; i++) {
    const who = actors[i % actors.length]!;
    const sam = byName('sam');
    if (i % 4 === 0) {
      fake.addAudit({
        entityType: 'operator',
        action: 'sign_in',
        entityId: who.id,
        userId: who.id,
        operatorName: who.name,
        actor: 'operator',
        newValues: { last_sign_in_at: fake.now + i * 3_600_000 },
      });
    } else if (i % 4 === 1) {
      fake.addAudit({
        entityType: 'operator',
        action: 'role_changed',
        entityId: sam.id,
        userId: who.id,
        operatorName: who.name,
        actor: 'operator',
        oldValues: { role: 'support', name: 'Sam Patel', email: 'sam@lplate.example', is_active: true },
        newValues: {
          role: 'finance',
          name: 'Sam Patel',
          email: 'sam@lplate.example',
          is_active: true,
          note: 'covering month end',
        },
      });
    } else if (i % 4 === 2) {
      fake.addAudit({
        entityType: 'setting',
        action: 'schedule',
        userId: ada.id,
        operatorName: ada.name,
        actor: 'operator',
        oldValues: {
          key: 'refund_approval_limit_pence',
          value: 15_000,
          effective_from: '2026-01-01',
          reason: 'initial',
        },
        newValues: { key: 'refund_approval_limit_pence', value: 20_000, effective_from: '2026-12-01' },
      });
    } else {
      fake.addAudit({
        entityType: 'operator',
        action: 'sign_out',
        entityId: who.id,
        userId: who.id,
        operatorName: who.name,
        actor: 'operator',
      });
    }
  }
  byName('max').lastSignInAt = fake.now - 3_600_000 * 5;
  byName('fin').lastSignInAt = fake.now - 86_400_000 * 2;
  ada.lastSignInAt = fake.now;
  fake.seedOperator('jo', 'Jo Former', 'support', 'correct horse battery', {
    isActive: false,
    lastSignInAt: fake.now - 86_400_000 * 60,
  });
  fake.history.push({
    id: uuid(),
    key: 'refund_approval_limit_pence',
    value: 20_000,
    effectiveFrom: '2026-12-01',
    createdAt: fake.now - 86_400_000,
    createdByName: ada.name,
  });
  const market = demoMarketplace(fake.now);
  fake.payments = market.payments;
  fake.instructors = market.instructors;
  const referrers = [
    { id: '00000000-0000-4000-8000-0000000000a1', name: 'Amira Khan', email: 'amira.khan@example.com' },
    { id: '00000000-0000-4000-8000-0000000000a2', name: 'Ben Osei', email: 'ben.osei@example.com' },
  ];
  fake.codes = demoCodes(fake.now, referrers);
  // Amira referred the most learners, Ben's brought the most revenue.
  Object.assign(
    fake.codes.find((c) => c.code === 'REF-AMIRA')!,
    { usesCount: 9, revenuePence: 20_000 },
  );
  Object.assign(
    fake.codes.find((c) => c.code === 'REF-BEN')!,
    { usesCount: 4, revenuePence: 60_000 },
  );
  const learners = new Map<string, PersonMatch>();
  for (const { payment } of fake.payments) learners.set(payment.learner.id, payment.learner);
  fake.people = [...referrers, ...learners.values()];
  return fake;
}

/** A job as main reports it, with defaults for what a test does not care about. */
export function jobProgress(
  job: Partial<JobProgress> & Pick<JobProgress, 'jobId' | 'kind' | 'state'>,
): JobProgress {
  return {
    title: job.kind === 'backfill' ? 'Backfill from Stripe' : job.kind,
    parts: [],
    done: 0,
    total: null,
    ratePerSecond: null,
    etaSeconds: null,
    message: '',
    current: null,
    items: [],
    startedBy: null,
    createdAt: Date.UTC(2026, 10, 25, 9, 0),
    finishedAt: null,
    cancellable: job.state === 'running' || job.state === 'queued',
    ...job,
  };
}

// List exports are jobs main writes to files: they are tested in integration and end to end (test/e2e/list-exports.test.ts).
function noFiles(): never {
  throw new FakeError('internal', 'The fake bridge writes no files.');
}

function noLedger(): never {
  throw new FakeError('internal', 'The fake bridge keeps no ledger to reconcile.');
}

/** What the main process answers when `input` fails `method`'s contract schema: its real messages, by field. */
export function contractFailure<M extends MethodName>(method: M, input: unknown): ApiError {
  const parsed = contract[method].input.safeParse(input);
  if (parsed.success) throw new Error(`${method} accepts ${JSON.stringify(input)}`);
  return { code: 'validation', ...describeIssues(parsed.error.issues) };
}
