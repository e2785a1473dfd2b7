// Reconciliation runs and locks: saved RECONCILIATION_REPORTS rows (console records a ledger rebuild never touches,
// made by run-job.ts) read back, and a reconciled period locked. Audited.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Page } from '../../shared/contract/define';
import type {
  Discrepancy,
  ReconFigures,
  ReconLock,
  ReconPeriod,
  ReconReport,
  ReconRunRow,
} from '../../shared/contract/recon';
import { londonDate } from '../../shared/dates';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { AppError, notFound } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Db } from '../db/open';
import { reconciliationLocks, reconciliationReports, users } from '../db/schema';
import { periodFigures } from './figures';
import { changesSinceLock, currentMarkSeq, lockView } from './locks';
import { spanOf } from './period';

type ReportRow = typeof reconciliationReports.$inferSelect;
type LockRow = typeof reconciliationLocks.$inferSelect;

const periodOf = (r: ReportRow): ReconPeriod => ({
  kind: (r.period_kind ?? 'custom') as ReconPeriod['kind'],
  from: r.period_from ?? r.report_date,
  to: r.period_to ?? r.report_date,
});

const statusOf = (r: ReportRow): ReconReport['status'] =>
  r.status === 'discrepancies' ? 'discrepancies' : 'reconciled';

const totalsOf = (r: ReportRow) => ({
  revenuePence: r.total_revenue_pence,
  payoutsPence: r.total_payouts_pence,
  feesPence: r.total_fees_pence,
});

function userName(db: Db, id: string | null): string | null {
  if (!id) return null;
  return db.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? null;
}

/** The lock whose period overlaps [from, to], with its late changes as of now. */
function lockOver(ctx: HandlerContext, from: string, to: string): ReconLock | null {
  const row = ctx.db
    .select()
    .from(reconciliationLocks)
    .where(and(lte(reconciliationLocks.period_from, to), gte(reconciliationLocks.period_to, from)))
    .get();
  return row ? viewLock(ctx, row) : null;
}

function viewLock(ctx: HandlerContext, row: LockRow): ReconLock {
  return lockView(
    {
      id: row.id,
      from: row.period_from,
      to: row.period_to,
      reportId: row.report_id,
      lockedAt: row.locked_at,
      lockedBy: userName(ctx.db, row.locked_by),
    },
    changesSinceLock(ctx.sqlite, {
      id: row.id,
      from: row.period_from,
      to: row.period_to,
      markSeq: row.mark_seq,
      spanStart: row.span_start,
      fingerprint: row.fingerprint,
    }),
  );
}

function reportView(ctx: HandlerContext, r: ReportRow): ReconReport {
  const period = periodOf(r);
  const newest = ctx.db
    .select({ id: reconciliationReports.id })
    .from(reconciliationReports)
    .where(
      and(eq(reconciliationReports.period_from, period.from), eq(reconciliationReports.period_to, period.to)),
    )
    .orderBy(desc(reconciliationReports.created_at), desc(sql`rowid`))
    .get();
  return {
    id: r.id,
    period,
    status: statusOf(r),
    ranAt: r.created_at,
    ranBy: userName(ctx.db, r.run_by),
    totals: totalsOf(r),
    figures: r.figures as ReconFigures,
    discrepancies: (r.discrepancies ?? []) as Discrepancy[],
    lock: lockOver(ctx, period.from, period.to),
    latest: newest?.id === r.id,
  };
}

export function getReport(ctx: HandlerContext, reportId: string): ReconReport {
  const r = ctx.db.select().from(reconciliationReports).where(eq(reconciliationReports.id, reportId)).get();
  if (!r || !r.figures) throw notFound('A reconciliation run with this id');
  return reportView(ctx, r);
}

export function listRuns(ctx: HandlerContext, paging: { page: number; pageSize: number }): Page<ReconRunRow> {
  const consoleRuns = sql`${reconciliationReports.period_from} IS NOT NULL`;
  const total =
    ctx.db
      .select({ n: sql<number>`count(*)` })
      .from(reconciliationReports)
      .where(consoleRuns)
      .get()?.n ?? 0;
  const rows = ctx.db
    .select({
      r: reconciliationReports,
      by: users.name,
      locked: sql<number>`EXISTS (SELECT 1 FROM reconciliation_locks l WHERE l.report_id = ${reconciliationReports.id})`,
    })
    .from(reconciliationReports)
    .leftJoin(users, eq(users.id, reconciliationReports.run_by))
    .where(consoleRuns)
    // Runs made in the same millisecond keep the order they were made in.
    .orderBy(desc(reconciliationReports.created_at), desc(sql`reconciliation_reports.rowid`))
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .all();
  return {
    rows: rows.map(({ r, by, locked }) => ({
      id: r.id,
      period: periodOf(r),
      status: statusOf(r),
      discrepancies: r.discrepancy_count ?? 0,
      ranAt: r.created_at,
      ranBy: by,
      totals: totalsOf(r),
      locked: locked === 1,
    })),
    total,
    page: paging.page,
    pageSize: paging.pageSize,
  };
}

export function lockPeriod(ctx: HandlerContext, reportId: string): ReconLock {
  const operator = requireOperator(ctx);
  const report = getReport(ctx, reportId);
  const { period } = report;
  if (report.lock)
    throw new AppError('conflict', `${report.lock.from} – ${report.lock.to} is already locked.`);
  if (!report.latest)
    throw new AppError('conflict', 'A newer run of this period exists: lock the newest one.');
  if (report.status !== 'reconciled')
    throw new AppError(
      'conflict',
      `This run found ${report.discrepancies.length} discrepancies: resolve them and run again before locking.`,
    );
  if (period.to >= londonDate(ctx.clock.now()))
    throw new AppError('conflict', 'This period has not ended yet: lock it from the day after its last day.');
  const span = spanOf(period);
  const figures = periodFigures(ctx.sqlite, span);
  if (JSON.stringify(figures) !== JSON.stringify(report.figures))
    throw new AppError(
      'conflict',
      'The books of this period changed since this run: run it again, then lock.',
    );
  const id = randomUUID();
  const now = ctx.clock.now();
  ctx.sqlite.transaction(() => {
    ctx.db
      .insert(reconciliationLocks)
      .values({
        id,
        period_from: period.from,
        period_to: period.to,
        report_id: reportId,
        locked_by: operator.id,
        locked_at: now,
        fingerprint: {},
        mark_seq: currentMarkSeq(ctx.sqlite),
        span_start: span.start,
        span_end: span.end,
      })
      .run();
    appendAudit(ctx.sqlite, {
      entityType: 'reconciliation',
      entityId: reportId,
      action: 'lock',
      newValues: { period, lockId: id },
      userId: operator.id,
      actor: 'operator',
      createdAt: now,
    });
  })();
  return lockOver(ctx, period.from, period.to)!;
}

export function listLocks(ctx: HandlerContext): ReconLock[] {
  return ctx.db
    .select()
    .from(reconciliationLocks)
    .orderBy(desc(reconciliationLocks.period_from))
    .all()
    .map((row) => viewLock(ctx, row));
}
