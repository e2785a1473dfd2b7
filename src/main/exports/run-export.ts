// Runs an export as a job in main: sheets written to a file (CSV or XLSX) with progress per sheet, cancellable
// between pages of rows, audited when asked, then delivered to the operator (download or save dialog).
import type { AuditEntity } from '../../shared/names';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { HandlerContext } from '../api/context';
import { requireOperator } from '../api/context';
import { appendAudit } from '../audit/chain';
import type { FileFormat } from '../../shared/contract/recon';
import { writeCsv } from './csv-writer';
import { writeXlsx } from './xlsx-writer';
import type { AnySheet } from './table';
import type { Job } from '../jobs/job';

export const EXPORT_JOB = 'export';

export interface ExportSpec {
  title: string;
  /** The file's name without its extension. */
  baseName: string;
  format: FileFormat;
  /** XLSX writes every sheet; CSV writes the first. */
  sheets: AnySheet[];
  /** A PDF's bytes (format `pdf`), printed by the PDF port. */
  document?: () => Promise<Uint8Array>;
  /** What the audit row says was exported (who and when are added). */
  audit: { entityType: AuditEntity; entityId: string; details: Record<string, unknown> };
}

const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');

async function writePdf(path: string, document: () => Promise<Uint8Array>, job: Job): Promise<number> {
  job.part('Report', 1);
  const bytes = await document();
  writeFileSync(path, bytes);
  job.count('Report', 1, 'Printed the report.');
  return bytes.length;
}

export function startExport(ctx: HandlerContext, spec: ExportSpec): { jobId: string } {
  const operator = requireOperator(ctx);
  const name = `${safeName(spec.baseName)}.${spec.format}`;
  let jobId = '';
  ctx.sqlite.transaction(() => {
    jobId = ctx.jobs.record({
      kind: EXPORT_JOB,
      title: spec.title,
      by: { id: operator.id, name: operator.name },
    });
    appendAudit(ctx.sqlite, {
      entityType: spec.audit.entityType,
      entityId: spec.audit.entityId,
      action: 'export',
      newValues: { ...spec.audit.details, format: spec.format, file: name, jobId },
      userId: operator.id,
      actor: 'operator',
      createdAt: ctx.clock.now(),
    });
  })();
  const job = ctx.jobs.adopt(jobId);
  const sheets = spec.format === 'csv' ? spec.sheets.slice(0, 1) : spec.sheets;
  void ctx.jobs.start(job, async () => {
    for (const s of sheets) job.part(s.name, s.count());
    const dir = join(ctx.workspace.dir, 'exports', randomUUID());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, name);
    let current = 0;
    const onRows = (n: number) => {
      job.throwIfCancelled();
      job.count(sheets[current]!.name, n, `Writing ${sheets[current]!.name}…`);
    };
    const counted = sheets.map((s, i) => ({
      ...s,
      rows: function* () {
        current = i;
        yield* s.rows();
      },
    }));
    try {
      const bytes =
        spec.format === 'pdf'
          ? await writePdf(path, spec.document!, job)
          : spec.format === 'csv'
            ? await writeCsv(path, counted[0]!, onRows)
            : await writeXlsx(path, counted, onRows);
      job.file = await ctx.files.deliver({ path, name, bytes }, ctx.connectionId);
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return job.file.savedTo || job.file.url
      ? `${name} is ready (${job.progress().done.toLocaleString('en-GB')} rows).`
      : `${name} was not saved: the save dialog was cancelled.`;
  });
  return { jobId };
}
