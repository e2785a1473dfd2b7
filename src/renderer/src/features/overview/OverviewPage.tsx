// The overview: six KPI cards for today, this week or this month (route `period`), each with its trend, and next
// Friday's payouts; empty when there is no data.
import type { OverviewPeriod, OverviewSummary } from '@shared/contract/overview';
import { OVERVIEW_PERIODS } from '@shared/contract/overview';
import { formatPence } from '@shared/money';
import { balanceCheck } from '@shared/balance-check';
import { apiErrorOf, canAccess, useQueryMethod } from '../../lib/api';
import { useStripeNote } from '../sync/stripe-note';
import { toCsv } from '@shared/csv';
import { downloadCsv } from '../../lib/csv';
import { useRouteParams } from '../../lib/router';
import { PageHeader } from '../../app/PageHeader';
import { Badge, DateTime, EmptyState, ErrorState, Money } from '../../components/ui';
import { KpiCard } from './KpiCard';
import { LockedPeriodsNotice } from './LockedPeriodsNotice';
import { NeedsAttention } from './NeedsAttention';
import { NextFridayPanel } from './NextFridayPanel';
import { CompletionsNotice, useCompletionsStatus } from '../credits/CompletionsNotice';

/** Balances that lesson completions move: incomplete while completions are missing or stale. */
const RESTS_ON_COMPLETIONS = new Set(['instructorPayable', 'learnerPrepaid']);
import { KPI_META, PERIODS } from './series';

function exportSeries(summary: OverviewSummary) {
  const days = summary.kpis.grossVolume.series.map((p) => p.day);
  const rows = days.map((day, i) => [
    day,
    ...KPI_META.map((m) => formatPence(summary.kpis[m.key].series[i]?.pence ?? 0)),
  ]);
  downloadCsv(
    `overview-${summary.period}-${summary.range.from}.csv`,
    toCsv(['Day', ...KPI_META.map((m) => m.label)], rows),
  );
}

function StripeCheck({ summary }: { summary: OverviewSummary }) {
  const ledger = summary.kpis.stripeBalance.valuePence;
  const reported = summary.stripeReported;
  if (!reported)
    return (
      <div className="kpi__note muted">
        Stripe’s own balance has not been synced yet, so it cannot be compared.
      </div>
    );
  const check = balanceCheck(reported.pence, ledger, reported.refundsNotYetPaidPence);
  return (
    <div className="kpi__note">
      <span>
        Stripe reports <Money pence={reported.pence} inline />
      </span>
      {check.kind === 'matches' ? (
        <Badge tone="green">Matches ledger</Badge>
      ) : check.kind === 'refundsNotYetPaid' ? (
        <Badge
          tone="amber"
          title="The ledger took these refunds from the Stripe balance when they were made; Stripe takes them when it pays them."
        >
          Matches once Stripe pays <Money pence={check.pence} inline /> of refunds
        </Badge>
      ) : (
        <Badge tone="red">
          Differs by <Money pence={check.differencePence} inline />
          {check.refundsPence > 0 && (
            <>
              , <Money pence={check.refundsPence} inline /> of it refunds Stripe has not paid
            </>
          )}
        </Badge>
      )}
      <span className="muted">
        as of <DateTime ms={reported.observedAt} />
      </span>
    </div>
  );
}

export function OverviewPage() {
  const [params, setParams] = useRouteParams();
  const raw = params.get('period');
  const period: OverviewPeriod = OVERVIEW_PERIODS.includes(raw as OverviewPeriod)
    ? (raw as OverviewPeriod)
    : 'today';
  const summary = useQueryMethod('overview.summary', { period }, { placeholderData: (prev) => prev });
  const sync = useQueryMethod('sync.status', {}, { retry: false });
  const connected = sync.data?.connected === true;
  const stripeNote = useStripeNote('payments');
  const role = useQueryMethod('auth.status', {}).data?.operator?.role;
  const previous = PERIODS.find((p) => p.id === period)!.previous;
  const data = summary.data;
  const { incomplete } = useCompletionsStatus();

  return (
    <div className="page page--scroll">
      <PageHeader
        title="Overview"
        description={
          data ? (
            <>
              Figures up to <DateTime ms={data.asOf} />, Europe/London; weeks start on Monday.
            </>
          ) : (
            'Money in and out of the marketplace at a glance.'
          )
        }
        actions={
          <>
            <div className="segmented" role="group" aria-label="Period">
              {PERIODS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  className="segmented__button"
                  aria-pressed={p.id === period}
                  onClick={() => setParams({ period: p.id === 'today' ? undefined : p.id })}
                >
                  {p.label}
                </button>
              ))}
            </div>
            <button
              type="button"
              className="button"
              disabled={!data?.hasData}
              onClick={() => data && exportSeries(data)}
            >
              Export CSV
            </button>
          </>
        }
      />
      <LockedPeriodsNotice />
      <NeedsAttention />
      {summary.isError ? (
        <ErrorState
          error={apiErrorOf(summary.error)!}
          onRetry={() => void summary.refetch()}
          title="Could not load the overview"
        />
      ) : !data ? (
        <div className="kpi-grid" aria-busy="true" aria-label="Loading">
          {KPI_META.map((m) => (
            <div key={m.key} className="kpi kpi--loading">
              <div className="skeleton" />
              <div className="skeleton skeleton--large" />
              <div className="skeleton" />
            </div>
          ))}
        </div>
      ) : !data.hasData ? (
        <div className="panel">
          <EmptyState
            title={connected ? 'No payments synced yet' : 'No figures yet: Stripe is not connected'}
            action={
              !connected && canAccess('stripe.connect', role) ? (
                <a className="button button--primary" href="#/settings">
                  Connect Stripe in Settings
                </a>
              ) : null
            }
          >
            <p>
              {stripeNote} These figures are summed from payments and the ledger synced from Stripe; nothing
              is estimated or shown as sample data.
            </p>
          </EmptyState>
        </div>
      ) : (
        <>
          <CompletionsNotice what="Instructor payable and learner prepaid are" />
          {canAccess('payouts.nextFriday', role) ? <NextFridayPanel /> : null}
          <div className="kpi-grid">
            {KPI_META.map((m) => (
              <KpiCard
                key={m.key}
                kpi={data.kpis[m.key]}
                label={m.label}
                hint={m.hint}
                colour={m.colour}
                previousLabel={previous}
                incomplete={incomplete && RESTS_ON_COMPLETIONS.has(m.key)}
              >
                {m.key === 'stripeBalance' ? <StripeCheck summary={data} /> : null}
              </KpiCard>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
