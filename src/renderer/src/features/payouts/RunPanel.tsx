// A Friday's run: waiting for approval (finance approves and executes after a confirmation naming the Friday, the
// total and the count), executing with live progress and Cancel, then each instructor's outcome, Retry, statements.
import { useState } from 'react';
import type { Role } from '@shared/contract';
import type { PayoutPreview, RunDetail, RunItem } from '@shared/contract/payouts';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';
import { ConfirmDialog, DateTime, Id, Money } from '../../components/ui';
import { canAccess, useInvoke, useMutationMethod } from '../../lib/api';
import { downloadCsv } from '../../lib/csv';
import { ProgressBar, jobCounts } from '../jobs/JobProgressBar';
import { isActive, useJobs } from '../jobs/useJobs';
import { OutcomeBadge, RunStateBadge } from './outcome';

function Statement({ item }: { item: RunItem }) {
  const invoke = useInvoke();
  const pdf = async () => {
    const file = await invoke('payouts.remittancePdf', { payoutId: item.payoutId });
    const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    const a = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  const csv = async () => {
    const file = await invoke('payouts.remittance', { payoutId: item.payoutId });
    downloadCsv(file.filename, file.csv);
  };
  return (
    <span className="payout-statement">
      <button type="button" className="button button--small" onClick={() => void csv()}>
        CSV
      </button>
      <button type="button" className="button button--small" onClick={() => void pdf()}>
        PDF
      </button>
    </span>
  );
}

function Results({ items }: { items: RunItem[] }) {
  return (
    <table className="table table--static" aria-label="Run results">
      <thead>
        <tr>
          <th>Instructor</th>
          <th className="num">Amount</th>
          <th>Outcome</th>
          <th>Transfer / what to do</th>
          <th>Statement</th>
        </tr>
      </thead>
      <tbody>
        {items.map((i) => (
          <tr key={i.payoutId}>
            <td>{i.instructor.name}</td>
            <td className="num">
              <Money pence={i.owedPence} inline />
            </td>
            <td>
              <OutcomeBadge outcome={i.outcome} />
            </td>
            <td className="payout-detail">
              {i.transferId ? (
                <Id value={i.transferId} href={i.dashboardUrl ?? undefined} label="transfer" />
              ) : (
                i.detail
              )}
            </td>
            <td>{i.outcome === 'paid' ? <Statement item={i} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RunPanel({
  detail,
  preview,
  role,
}: {
  detail: RunDetail;
  preview: PayoutPreview | undefined;
  role: Role;
}) {
  const { run, items } = detail;
  const [confirming, setConfirming] = useState(false);
  const execute = useMutationMethod('payouts.execute', { onSuccess: () => setConfirming(false) });
  const retry = useMutationMethod('payouts.retry');
  const cancel = useMutationMethod('jobs.cancel');
  const { jobs } = useJobs();
  const job = jobs.find((j) => j.jobId === run.jobId);
  const held = items.filter((i) => i.status === 'held');
  const retriable = items.some((i) => i.outcome === 'failed' || i.outcome === 'cancelled');
  const mayPay = canAccess('payouts.execute', role);
  const day = formatDay(run.date);
  return (
    <section className="payout-run" aria-label={`Run for ${day}`}>
      <header className="payout-run__head">
        <h2>Run for {day}</h2>
        <RunStateBadge state={run.state} />
        <span className="muted">
          Prepared by {run.preparedBy ?? 'the schedule'} <DateTime ms={run.preparedAt} />
          {run.executedAt ? (
            <>
              {' '}
              · approved and executed by {run.executedBy} <DateTime ms={run.executedAt} />
            </>
          ) : null}
        </span>
        <span className="payout-run__actions">
          {run.state === 'prepared' && mayPay && run.ready > 0 ? (
            <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
              Approve and execute…
            </button>
          ) : null}
          {retriable && mayPay && run.state !== 'executing' ? (
            <button
              type="button"
              className="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate({ runId: run.id })}
            >
              Retry what was not paid
            </button>
          ) : null}
        </span>
      </header>
      {run.stoppedReason ? (
        <div className="notice notice--red" role="alert">
          {run.stoppedReason}
        </div>
      ) : null}
      {retry.error ? (
        <div className="notice notice--red" role="alert">
          {retry.error.message}
        </div>
      ) : null}
      {job && isActive(job) ? (
        <div className="payout-run__progress" role="status">
          <ProgressBar done={job.done} total={job.total} label="Payout run progress" />
          <span>
            {jobCounts(job)} · {job.message}
          </span>
          {mayPay && job.cancellable ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => cancel.mutate({ jobId: job.jobId })}
            >
              Cancel the rest
            </button>
          ) : null}
        </div>
      ) : null}
      {run.executedAt ? (
        <>
          <p className="payout-run__summary">
            {run.paid} paid (<Money pence={run.paidPence} inline />
            ), {run.failed} failed, {items.filter((i) => i.outcome === 'held').length} held.
          </p>
          <Results items={items} />
        </>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title={`Pay instructors for ${day}`}
        effect={
          <>
            Transfer <strong>{formatPence(run.totalPence)}</strong> to <strong>{run.ready}</strong> instructor
            {run.ready === 1 ? '' : 's'} on <strong>{day}</strong>.
          </>
        }
        notes={
          <>
            {held.length > 0 ? (
              <p>
                {held.length} held and not paid:{' '}
                {held.map((h) => `${h.instructor.name} (${h.heldReason ?? 'held'})`).join('; ')}
              </p>
            ) : null}
            {preview?.balanceWarning ? (
              <p className="notice notice--amber">{preview.balanceWarning}</p>
            ) : null}
          </>
        }
        confirmLabel={`Transfer ${formatPence(run.totalPence)}`}
        irreversible
        pending={execute.isPending}
        error={execute.error?.message ?? null}
        onConfirm={() => execute.mutate({ runId: run.id, totalPence: run.totalPence, count: run.ready })}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
