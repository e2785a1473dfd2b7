// Payouts: a Friday's preview on top (ready and held with why, totals, the platform's available balance against
// the total), the run of that Friday (approve and execute, progress, results, retry), and the history of runs below;
// the payout schedule in force in one line under the header.
import type { Role } from '@shared/contract';
import type { PreviewRow } from '@shared/contract/payouts';
import { formatDay } from '@shared/dates';
import { formatPence } from '@shared/money';
import { PageHeader } from '../../app/PageHeader';
import { DateTime, Money, Skeleton } from '../../components/ui';
import { canAccess, useMutationMethod, useQueryMethod } from '../../lib/api';
import { useRouteParams } from '../../lib/router';
import { EarningsDrawer } from './EarningsDrawer';
import { FridayField } from './FridayField';
import { PreviewTable } from './PreviewTable';
import { RunPanel } from './RunPanel';
import { RunStateBadge } from './outcome';
import { describeSchedule } from './policy-text';

const FRIDAY = /^\d{4}-\d{2}-\d{2}$/;
const instructors = (n: number) => `${n} instructor${n === 1 ? '' : 's'}`;

export function PayoutsPage({ role }: { role: Role }) {
  const [params, setParams] = useRouteParams();
  const chosen = params.get('date');
  const preview = useQueryMethod('payouts.preview', chosen && FRIDAY.test(chosen) ? { date: chosen } : {});
  const date = preview.data?.date ?? chosen ?? '';
  const runs = useQueryMethod('payouts.runs', {});
  const runId = runs.data?.find((r) => r.date === date)?.id;
  const run = useQueryMethod(
    'payouts.run',
    { runId: runId ?? '00000000-0000-4000-8000-000000000000' },
    {
      enabled: Boolean(runId),
      refetchInterval: (q) => (q.state.data?.run.state === 'executing' ? 1_000 : false),
    },
  );
  const prepare = useMutationMethod('payouts.prepare');
  const schedule = useQueryMethod('payouts.schedule', {});
  const lastFiring = schedule.data?.last?.friday === date ? schedule.data.last : null;
  const open = params.get('id');
  const openRow = preview.data?.rows.find((r) => r.instructor.id === open) ?? null;
  const totals = preview.data?.totals;
  const executed = Boolean(run.data?.run.executedAt);
  return (
    <div className="page page--scroll">
      <PageHeader
        title="Payouts"
        description="Every Friday instructors are paid what they earned for lessons completed at least seven days before."
        actions={
          <>
            <FridayField date={date} onChange={(d) => setParams({ date: d, id: undefined })} />
            {canAccess('payouts.prepare', role) && !executed ? (
              <button
                type="button"
                className="button button--primary"
                disabled={!date || prepare.isPending}
                onClick={() => prepare.mutate({ date })}
              >
                {runId ? 'Prepare again' : 'Prepare run'}
              </button>
            ) : null}
          </>
        }
      />
      {schedule.data ? (
        <section className="payout-policy muted" aria-label="Payout schedule">
          {describeSchedule(schedule.data.policy)}{' '}
          {schedule.data.next ? (
            <>
              Next: <DateTime ms={schedule.data.next.at} />.{' '}
            </>
          ) : null}
          {lastFiring && lastFiring.outcome === 'prepared' && lastFiring.notExecuted.length > 0 ? (
            <>Not executed automatically: {lastFiring.notExecuted.join(' ')} </>
          ) : null}
          <a href="#/settings">Settings</a>
        </section>
      ) : null}
      {prepare.error ? (
        <div className="notice notice--red" role="alert">
          {prepare.error.message}
        </div>
      ) : null}
      {preview.error ? (
        <div className="notice notice--red" role="alert">
          {preview.error.message}
        </div>
      ) : null}
      {totals && preview.data ? (
        <section className="cards cards--four" aria-label={`Totals for ${formatDay(date)}`}>
          <div className="card">
            <div className="card__title">Ready on {formatDay(date)}</div>
            <Money pence={totals.readyPence} className="card__value" />
            <div className="muted">{instructors(totals.ready)}</div>
          </div>
          <div className="card">
            <div className="card__title">Held</div>
            <Money pence={totals.heldPence} className="card__value" />
            <div className="muted">{instructors(totals.held)}, carried to the next Friday</div>
          </div>
          <div className="card">
            <div className="card__title">Stripe available balance</div>
            {preview.data.balance ? (
              <>
                <Money pence={preview.data.balance.availablePence} className="card__value" />
                <div className="muted">
                  read <DateTime ms={preview.data.balance.observedAt} />
                </div>
              </>
            ) : (
              <div className="card__value card__value--small">Not read yet</div>
            )}
          </div>
          <div className="card">
            <div className="card__title">Owed on later Fridays</div>
            <Money pence={totals.laterPence} className="card__value" />
            <div className="muted">Minimum per transfer {formatPence(preview.data.minimumPence)}</div>
          </div>
        </section>
      ) : (
        <Skeleton lines={2} />
      )}
      {preview.data?.balanceWarning ? (
        <div className="notice notice--amber" role="alert">
          {preview.data.balanceWarning}
        </div>
      ) : null}
      {run.data ? <RunPanel detail={run.data} preview={preview.data} role={role} /> : null}
      <section className="payout-preview" aria-labelledby="payout-preview-title">
        <h2 id="payout-preview-title" className="section-title">
          Preview
        </h2>
        <PreviewTable
          rows={preview.data?.rows}
          loading={preview.isLoading}
          date={date}
          openId={open}
          onOpen={(r: PreviewRow) => setParams({ id: r.instructor.id })}
        />
      </section>
      <h2 className="section-title">History</h2>
      <table className="table table--static" aria-label="Payout runs">
        <thead>
          <tr>
            <th>Friday</th>
            <th>State</th>
            <th>Prepared by</th>
            <th>Executed by</th>
            <th className="num">Paid</th>
            <th className="num">Held</th>
          </tr>
        </thead>
        <tbody>
          {(runs.data ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <a href={`#/payouts?date=${r.date}`}>{formatDay(r.date)}</a>
              </td>
              <td>
                <RunStateBadge state={r.state} />
              </td>
              <td>{r.preparedBy ?? 'the schedule'}</td>
              <td>{r.executedAt === null ? '—' : (r.executedBy ?? 'the schedule')}</td>
              <td className="num">
                {r.paid} · <Money pence={r.paidPence} inline />
              </td>
              <td className="num">{r.held}</td>
            </tr>
          ))}
          {runs.data?.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                No payout runs yet. Prepare this Friday’s run above.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <EarningsDrawer row={openRow} date={date} onClose={() => setParams({ id: undefined })} />
    </div>
  );
}
