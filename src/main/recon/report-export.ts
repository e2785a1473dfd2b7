// A saved run's exports: the summary (figures, roll-forwards, checks) and the itemized sheets of its period, as
// one XLSX workbook, the itemized CSV or the summary CSV — each an export job, audited.
import type { ReconExport, ReconFigures, ReconReport } from '../../shared/contract/recon';
import type { HandlerContext } from '../api/context';
import { startExport } from '../exports/run-export';
import { fixedSheet } from '../exports/table';
import {
  discrepanciesSheet,
  feesSheet,
  movementsSheet,
  paymentsSheet,
  refundsSheet,
  transfersSheet,
} from './itemized';
import { periodFigures } from './figures';
import { spanOf } from './period';
import { reconCharts } from './charts';
import { reportHtml } from './report-pdf';
import { AppError } from '../api/errors';
import { NoPdfRenderer } from '../documents/pdf';
import { chartRange } from '../../shared/contract/recon';
import { getReport } from './runs';

export interface SummaryRow {
  section: string;
  item: string;
  pence: number | null;
  note: string | null;
}

/** The report's figures as (section, item, amount) rows, in the order the page shows them. */
export function summaryRows(r: ReconReport, changedSince: boolean): SummaryRow[] {
  const f: ReconFigures = r.figures;
  const row = (section: string, item: string, pence: number | null, note: string | null = null) => ({
    section,
    item,
    pence,
    note,
  });
  return [
    row('Period', `${r.period.from} to ${r.period.to} (${r.period.kind})`, null, r.status),
    row('Period', 'Discrepancies', null, String(r.discrepancies.length)),
    ...(changedSince
      ? [
          row(
            'Period',
            'Books changed since this run',
            null,
            'the itemized sheets show the books now: run again',
          ),
        ]
      : []),
    row('Revenue', 'Gross charged', f.grossChargedPence),
    row('Revenue', 'Refunds', f.refundsPence),
    row('Revenue', 'Net revenue', f.netRevenuePence),
    row('Platform fee', 'Fee at list price', f.platformFee.grossPence),
    row('Platform fee', 'Discounts absorbed', f.platformFee.discountsPence),
    row('Platform fee', 'Net platform fee', f.platformFee.netPence),
    row('Costs', 'Stripe fees', f.stripeFeesPence),
    row('Costs', 'Disputes', f.disputesPence),
    row('Instructors', 'Transfers', f.transfersPence),
    row('Instructors', 'Reversals', f.reversalsPence),
    row('Instructors', 'Net transfers', f.netTransfersPence),
    row('Bank', 'Payouts to the bank', f.bankPayoutsPence),
    row('Suspense', 'Unattributed', f.unattributedPence),
    ...f.rollForwards.flatMap((rf) => [
      row(rf.label, 'Opening', rf.openingPence),
      row(rf.label, 'In', rf.inPence),
      row(rf.label, 'Out', rf.outPence),
      row(rf.label, 'Closing', rf.closingPence),
      row(rf.label, 'Difference', rf.differencePence, rf.differencePence === 0 ? 'closes' : 'does not close'),
    ]),
    ...f.byType.map((t) => row('By payment type', t.type, t.grossPence, `${t.payments} payments`)),
  ];
}

export function startReportExport(
  ctx: HandlerContext,
  reportId: string,
  format: ReconExport,
): { jobId: string } {
  const report = getReport(ctx, reportId);
  const span = spanOf(report.period);
  const changedSince = JSON.stringify(periodFigures(ctx.sqlite, span)) !== JSON.stringify(report.figures);
  const { pdf } = ctx;
  if (format === 'pdf' && !pdf) throw new AppError('conflict', new NoPdfRenderer().message);
  const rows = summaryRows(report, changedSince);
  const summary = fixedSheet<SummaryRow>(
    'Summary',
    [
      { header: 'Section', kind: 'text', value: (r) => r.section, width: 40 },
      { header: 'Item', kind: 'text', value: (r) => r.item, width: 36 },
      { header: 'Amount (£)', kind: 'pence', value: (r) => r.pence },
      { header: 'Note', kind: 'text', value: (r) => r.note, width: 24 },
    ],
    rows,
  );
  const { sqlite } = ctx;
  const sheets =
    format === 'pdf'
      ? []
      : format === 'summary-csv'
        ? [summary]
        : format === 'csv'
          ? [movementsSheet(sqlite, span)]
          : [
              summary,
              movementsSheet(sqlite, span),
              paymentsSheet(sqlite, span),
              refundsSheet(sqlite, span),
              transfersSheet(sqlite, span),
              feesSheet(sqlite, span),
              discrepanciesSheet(report.discrepancies),
            ];
  const label = format === 'summary-csv' ? 'summary' : format === 'csv' ? 'itemized' : 'report';
  return startExport(ctx, {
    title: `Export the reconciliation of ${report.period.from} – ${report.period.to} (${format.toUpperCase()})`,
    baseName: `lplate-reconciliation-${report.period.from}-to-${report.period.to}-${label}`,
    format: format === 'summary-csv' ? 'csv' : format,
    sheets,
    document: () => pdf!.render(reportHtml(report, rows, reconCharts(sqlite, chartRange(report.period)))),
    audit: {
      entityType: 'reconciliation',
      entityId: reportId,
      details: { period: report.period, export: format },
    },
  });
}
