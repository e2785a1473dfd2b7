// An instructor's remittance statement for one paid payout — the lessons it pays (date, learner, hours, rate,
// amount), clawbacks deducted, transfer reversals Stripe made since the last payout, later reversals of this very
// transfer on lines of their own, and the transfer id — as CSV
// and as a PDF an instructor can read (one page for a usual week; a long one runs onto more pages, the column
// headings repeated, rows never split).
import { toCsv } from '../../shared/csv';
import { formatDay, formatInstant, londonDate } from '../../shared/dates';
import { formatPence, penceAsDecimal } from '../../shared/money';
import { AppError, notFound } from '../api/errors';
import type { Sqlite } from '../db/open';
import { NoPdfRenderer, type PdfRenderer } from '../documents/pdf';
import { earningsOfPayout, type PaidEarning } from './earnings';

interface Statement {
  payoutId: string;
  instructor: string;
  date: string;
  /** What the transfer sent (before any later reversal of it). */
  amountPence: number;
  transferId: string;
  lessons: PaidEarning[];
  /** Deducted from this transfer, or (with `reversedFrom`) already taken back by a reversal of an earlier one. */
  clawbacks: { reason: string; amountPence: number; reversedFrom: string | null }[];
  /** Reversals Stripe made of this transfer afterwards (a clawback's, or one made in the Dashboard). */
  reversals: { reversalId: string; reversedAt: number; amountPence: number; reason: string | null }[];
}

/** A paid payout's statement: refused for a payout Stripe has not made. */
export function statementFor(sqlite: Sqlite, payoutId: string): Statement {
  const row = sqlite
    .prepare(
      `SELECT i.id AS payoutId, u.name AS instructor, r.payout_date AS date, p.stripe_transfer_id AS transferId,
         (SELECT sum(l.amount_pence) FROM journal_lines l WHERE l.transaction_id = 'transfer:' || p.stripe_transfer_id
            AND l.account = 'instructor_payable:' || i.instructor_id) AS amountPence
       FROM payout_run_items i JOIN payout_runs r ON r.id = i.run_id JOIN instructors n ON n.id = i.instructor_id
       JOIN users u ON u.id = n.user_id LEFT JOIN payouts p ON p.id = i.id AND p.status IN ('paid', 'reversed')
       WHERE i.id = ?`,
    )
    .get(payoutId) as
    | (Omit<Statement, 'lessons' | 'clawbacks' | 'reversals' | 'transferId'> & { transferId: string | null })
    | undefined;
  if (!row) throw notFound('A payout with this id');
  if (!row.transferId)
    throw new AppError(
      'conflict',
      'This payout has not been paid: a statement is made once Stripe made the transfer.',
    );
  const clawbacks = sqlite
    .prepare(
      `SELECT reason, amount_pence AS amountPence, CASE WHEN method = 'reversal' THEN stripe_transfer_id END AS reversedFrom
       FROM clawbacks WHERE payout_id = ? AND (status = 'deducted' OR (status = 'recovered' AND method = 'reversal'))
       ORDER BY method = 'reversal', created_at, id`,
    )
    .all(payoutId) as Statement['clawbacks'];
  const reversals = sqlite
    .prepare(
      `SELECT v.source_id AS reversalId, v.occurred_at AS reversedAt, -l.amount_pence AS amountPence, c.reason
       FROM journal_transactions t JOIN journal_transactions v ON v.origin = t.origin AND v.kind = 'reversal'
       JOIN journal_lines l ON l.transaction_id = v.id AND l.account = 'instructor_payable:' || v.instructor_id
       LEFT JOIN stripe_object_states o ON o.id = v.source_id
       LEFT JOIN clawbacks c ON c.id = json_extract(o.payload, '$.metadata.lplate_clawback_id')
       WHERE t.id = 'transfer:' || ? ORDER BY v.occurred_at, v.id`,
    )
    .all(row.transferId) as Statement['reversals'];
  return {
    ...row,
    transferId: row.transferId,
    lessons: earningsOfPayout(sqlite, payoutId),
    clawbacks,
    reversals,
  };
}

/** A lesson the transfer paid only in part says so (the rest was settled by another transfer or a clawback). */
const partOf = (l: PaidEarning, name: string, money: (pence: number) => string) =>
  l.paidPence === l.amountPence ? name : `${name} (part: ${money(l.paidPence)} of ${money(l.amountPence)})`;

const kept = (s: Statement) => s.amountPence - s.reversals.reduce((sum, r) => sum + r.amountPence, 0);

const fileName = (s: Statement, ext: string) =>
  `remittance-${s.date}-${s.instructor.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.${ext}`;

export function remittanceCsv(sqlite: Sqlite, payoutId: string): { filename: string; csv: string } {
  const s = statementFor(sqlite, payoutId);
  const rows: (string | number | null)[][] = s.lessons.map((l) => [
    londonDate(l.completedAt),
    partOf(l, l.learner.name, penceAsDecimal),
    l.hours,
    penceAsDecimal(l.ratePence),
    penceAsDecimal(l.paidPence),
    l.payableOn,
    s.date,
    s.transferId,
  ]);
  for (const c of s.clawbacks)
    rows.push([
      null,
      c.reversedFrom ? `Reversed from ${c.reversedFrom}: ${c.reason}` : `Clawback: ${c.reason}`,
      null,
      null,
      penceAsDecimal(-c.amountPence),
      null,
      s.date,
      s.transferId,
    ]);
  rows.push([
    null,
    'Total transferred',
    null,
    null,
    penceAsDecimal(s.amountPence),
    null,
    s.date,
    s.transferId,
  ]);
  for (const r of s.reversals)
    rows.push([
      londonDate(r.reversedAt),
      `Reversal ${r.reversalId} of this transfer: ${r.reason ?? 'made in Stripe'}`,
      null,
      null,
      penceAsDecimal(-r.amountPence),
      null,
      s.date,
      s.transferId,
    ]);
  if (s.reversals.length > 0)
    rows.push([
      null,
      'Kept after reversals',
      null,
      null,
      penceAsDecimal(kept(s)),
      null,
      s.date,
      s.transferId,
    ]);
  return {
    filename: fileName(s, 'csv'),
    csv: toCsv(
      [
        'lesson_date',
        'learner',
        'hours',
        'rate_gbp',
        'amount_gbp',
        'payable_on',
        'payout_date',
        'transfer_id',
      ],
      rows,
    ),
  };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function remittanceHtml(s: Statement): string {
  const line = (cells: string[], cls = '') =>
    `<tr class="${cls}">${cells.map((c, i) => `<td class="${i >= 2 ? 'num' : ''}">${c}</td>`).join('')}</tr>`;
  const lessons = s.lessons.map((l) =>
    line([
      escape(formatInstant(l.completedAt)),
      escape(partOf(l, l.learner.name, formatPence)),
      `${l.hours} h`,
      formatPence(l.ratePence),
      formatPence(l.paidPence),
    ]),
  );
  const clawbacks = s.clawbacks.map((c) =>
    line(
      [
        c.reversedFrom
          ? `Taken back from your Stripe balance (reversal of ${escape(c.reversedFrom)}, not part of this transfer): ${escape(c.reason)}`
          : `Deducted: ${escape(c.reason)}`,
        '',
        '',
        '',
        `−${formatPence(c.amountPence)}`,
      ],
      'minus',
    ),
  );
  const reversals = s.reversals.map((r) =>
    line(
      [
        `Reversed on ${escape(formatInstant(r.reversedAt))} (${escape(r.reversalId)}), taken back from this transfer: ${escape(r.reason ?? 'made in Stripe')}`,
        '',
        '',
        '',
        `−${formatPence(r.amountPence)}`,
      ],
      'minus',
    ),
  );
  if (reversals.length > 0)
    reversals.push(line(['Kept after reversals', '', '', '', formatPence(kept(s))], 'total'));
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Remittance</title><style>
body{font:10.5px/1.35 -apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;margin:0}
h1{font-size:20px;margin:0 0 4px}.muted{color:#555}table{width:100%;border-collapse:collapse;margin-top:16px}
th,td{padding:2px 6px;border-bottom:1px solid #ddd;text-align:left}th{font-size:11px;text-transform:uppercase;color:#555}
.num{text-align:right;font-variant-numeric:tabular-nums}.total td{font-weight:700;border-top:2px solid #111}
.minus td{color:#a40000}.box{margin-top:14px;padding:10px;border:1px solid #ddd;border-radius:6px}
thead{display:table-header-group}tr{break-inside:avoid}.total,p{break-inside:avoid;break-before:avoid}
</style></head><body>
<h1>LPlate remittance statement</h1>
<div class="muted">Payout for ${escape(formatDay(s.date))}</div>
<div class="box"><strong>${escape(s.instructor)}</strong><br>
Transferred ${formatPence(s.amountPence)} to your Stripe account on ${escape(formatDay(s.date))}.<br>
Stripe transfer: <code>${escape(s.transferId)}</code> · Payout reference: <code>${escape(s.payoutId)}</code></div>
<table><thead><tr><th>Lesson completed</th><th>Learner</th><th class="num">Hours</th><th class="num">Rate</th><th class="num">Amount</th></tr></thead>
<tbody>${lessons.join('')}${clawbacks.join('')}
${line(['Total transferred', '', '', '', formatPence(s.amountPence)], 'total')}${reversals.join('')}</tbody></table>
<p class="muted">You receive your full hourly rate for every lesson completed at least seven days before the Friday it is paid on. Questions: reply to your payout email with the payout reference.</p>
</body></html>`;
}

export async function remittancePdf(
  sqlite: Sqlite,
  pdf: PdfRenderer | null,
  payoutId: string,
): Promise<{ filename: string; base64: string }> {
  const s = statementFor(sqlite, payoutId);
  if (!pdf) throw new NoPdfRenderer();
  const bytes = await pdf.render(remittanceHtml(s));
  return { filename: fileName(s, 'pdf'), base64: Buffer.from(bytes).toString('base64') };
}
