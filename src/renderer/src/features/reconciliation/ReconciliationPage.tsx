// The Reconciliation page: a period (route `kind`, `from`, `to`), its run (route `report`) with figures, roll-forwards,
// checks with links and charts; Run and Lock for finance, exports for finance and managers, and the runs so far.
import { useEffect, useState } from 'react';
import type { Role } from '@shared/contract';
import type { ReconExport, ReconPeriod, ReconReport } from '@shared/contract/recon';
import { chartRange } from '@shared/contract/recon';
import { formatDay, londonDate } from '@shared/dates';
import { apiErrorOf, canAccess, useInvoke, useMutationMethod, useQueryMethod } from '../../lib/api';
import { useRouteParams } from '../../lib/router';
import { useFileExport } from '../../lib/use-file-export';
import { PageHeader } from '../../app/PageHeader';
import { ConfirmDialog, EmptyState, ErrorState, Skeleton, useToast } from '../../components/ui';
import { KeptReadNote } from './KeptReadNote';
import { periodFromParams } from './period';
import { PeriodPicker } from './PeriodPicker';
import { ReconCharts } from './ReconCharts';
import { Discrepancies, Figures, ReportStatus, RollForwards } from './ReportView';
import { RunsHistory } from './RunsHistory';
import { RunProgress, useReconRun } from './RunProgress';

const EXPORTS: { format: ReconExport; label: string }[] = [
  { format: 'xlsx', label: 'XLSX' },
  { format: 'csv', label: 'CSV (itemized)' },
  { format: 'summary-csv', label: 'CSV (summary)' },
  { format: 'pdf', label: 'PDF' },
];

function Report({ id, role }: { id: string; role: Role }) {
  const report = useQueryMethod('recon.get', { reportId: id });
  if (report.isError)
    return (
      <ErrorState
        error={apiErrorOf(report.error)!}
        onRetry={() => void report.refetch()}
        title="Could not load this run"
      />
    );
  if (!report.data) return <Skeleton lines={8} />;
  return <ReportBody report={report.data} role={role} />;
}

function ReportBody({ report, role }: { report: ReconReport; role: Role }) {
  const charts = useQueryMethod('recon.charts', chartRange(report.period));
  const lock = useMutationMethod('recon.lock');
  const toast = useToast();
  const invoke = useInvoke();
  const exports = useFileExport('the reconciliation');
  const [confirming, setConfirming] = useState(false);
  const today = londonDate(Date.now());
  const canLock =
    canAccess('recon.lock', role) &&
    report.status === 'reconciled' &&
    report.latest &&
    !report.lock &&
    report.period.to < today;
  return (
    <>
      <div className="recon-actions no-print">
        <ReportStatus report={report} />
        <div className="recon-actions__buttons">
          {canLock ? (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              Lock period…
            </button>
          ) : null}
          {canAccess('recon.export', role)
            ? EXPORTS.map((e) => (
                <button
                  key={e.format}
                  type="button"
                  className="button"
                  disabled={exports.running !== null}
                  onClick={() =>
                    void exports.run(e.label, () =>
                      invoke('recon.export', { reportId: report.id, format: e.format }),
                    )
                  }
                >
                  {exports.running === e.label ? 'Exporting…' : `Export ${e.label}`}
                </button>
              ))
            : null}
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      <div className="print-only">
        <ReportStatus report={report} />
      </div>
      <Figures report={report} />
      <RollForwards report={report} />
      <Discrepancies report={report} />
      {charts.data ? <ReconCharts charts={charts.data} /> : charts.isError ? null : <Skeleton lines={6} />}
      <ConfirmDialog
        open={confirming}
        title="Lock this period"
        effect={
          <>
            Lock {formatDay(report.period.from)} – {formatDay(report.period.to)} as reconciled. Any later
            change to its payments, payouts or journal is flagged here and on the Overview.
          </>
        }
        notes="Locking changes nothing in Stripe or the ledger, and a lock cannot be removed."
        confirmLabel="Lock period"
        irreversible
        pending={lock.isPending}
        error={lock.error ? (apiErrorOf(lock.error)?.message ?? null) : null}
        onConfirm={() =>
          lock.mutate(
            { reportId: report.id },
            {
              onSuccess: () => {
                setConfirming(false);
                toast(`Locked ${formatDay(report.period.from)} – ${formatDay(report.period.to)}.`);
              },
            },
          )
        }
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}

/** Printing opens every chart's table, so the paper has the numbers as well as the pictures. */
function useTablesInPrint() {
  useEffect(() => {
    const open = () =>
      document.querySelectorAll<HTMLDetailsElement>('.recon-page details').forEach((d) => (d.open = true));
    window.addEventListener('beforeprint', open);
    return () => window.removeEventListener('beforeprint', open);
  }, []);
}

export function ReconciliationPage({ role }: { role: Role }) {
  useTablesInPrint();
  const [params, setParams] = useRouteParams();
  const today = londonDate(Date.now());
  const period = periodFromParams(params, today);
  const reportId = params.get('report');
  const choose = (p: ReconPeriod, report?: string) =>
    setParams({ kind: p.kind, from: p.from, to: p.to, report });
  const run = useReconRun(choose);
  const running = run.jobId !== null;
  return (
    <div className="page page--scroll recon-page">
      <PageHeader
        title="Reconciliation"
        description="The ledger checked against Stripe for a period (Europe/London dates, weeks from Monday)."
        actions={
          <div className="recon-header no-print">
            <PeriodPicker value={period} onChange={(p) => choose(p)} />
            {canAccess('recon.run', role) ? (
              <button
                type="button"
                className="button button--primary"
                disabled={running || period.from > today}
                onClick={() => void run.run(period)}
              >
                {running ? 'Reconciling…' : 'Run reconciliation'}
              </button>
            ) : null}
          </div>
        }
      />
      <KeptReadNote />
      {run.jobId ? <RunProgress jobId={run.jobId} /> : null}
      {run.failure ? (
        <ErrorState
          error={run.failure}
          title="The reconciliation did not run"
          onRetry={() => void run.run(period)}
        />
      ) : null}
      {reportId ? (
        <Report id={reportId} role={role} />
      ) : (
        <div className="panel">
          <EmptyState
            title={`${formatDay(period.from)} – ${formatDay(period.to)} has not been reconciled in this view`}
          >
            <p>
              {canAccess('recon.run', role)
                ? 'Run the reconciliation: it reads Stripe’s charges, transfers, bank payouts and balance for the period and checks the ledger against them. Each run is saved below.'
                : 'Finance runs reconciliations; open one of the runs below to see it and export it.'}
            </p>
          </EmptyState>
        </div>
      )}
      <RunsHistory openId={reportId} onOpen={(r) => choose(r.period, r.id)} />
    </div>
  );
}
