// Settings: the platform fee, the refund approval limit and the session lifetime with their effective-dated history,
// the Stripe connection and the payout schedule; admins schedule new values, connect Stripe and set the schedule.
import { useState, type FormEvent } from 'react';
import type { OperatorView } from '@shared/contract/auth';
import {
  SETTING_KEYS,
  SETTING_LIMITS,
  type SettingKey,
  type SettingVersion,
} from '@shared/contract/settings';
import { dateError, formatDay } from '@shared/dates';
import { formatPence, parsePounds } from '@shared/money';
import { apiErrorOf, canAccess, fieldErrorsOf, useMutationMethod, useQueryMethod } from '../../lib/api';
import { formatBps, parsePercentToBps } from '../../lib/format';
import { PageHeader } from '../../app/PageHeader';
import { StripeSection } from './StripeSection';
import { TeamSection } from './TeamSection';
import { DesktopSection } from './DesktopSection';
import { PayoutScheduleSection } from './PayoutScheduleSection';
import {
  Badge,
  ConfirmDialog,
  DateField,
  DateTime,
  ErrorState,
  FormError,
  Money,
  SelectField,
  Skeleton,
  TextField,
  useToast,
} from '../../components/ui';

/** How each setting is named, typed in and shown. */
const FORMS: Record<
  SettingKey,
  {
    label: string;
    option: string;
    input: string;
    placeholder: string;
    hint: string;
    parse(text: string): number | null;
  }
> = {
  platform_fee_bps: {
    label: 'Platform fee',
    option: 'Platform fee (%)',
    input: 'New fee (%)',
    placeholder: '18.00',
    hint: 'Enter a percentage, like 18 or 18.50.',
    parse: parsePercentToBps,
  },
  refund_approval_limit_pence: {
    label: 'Refund approval limit',
    option: 'Refund approval limit (£)',
    input: 'New limit (£)',
    placeholder: '150.00',
    hint: 'Enter an amount in pounds, like 150 or 150.00.',
    parse: parsePounds,
  },
  session_lifetime_hours: {
    label: 'Session lifetime',
    option: 'Session lifetime (hours)',
    input: 'New lifetime (hours)',
    placeholder: '12',
    hint: 'Enter whole hours, like 8 or 12.',
    parse: (text) => (/^\s*\d{1,3}\s*$/.test(text) ? Number(text) : null),
  },
};
const LABEL = (key: SettingKey) => FORMS[key].label;

export function formatSetting(key: SettingKey, value: number): string {
  if (key === 'platform_fee_bps') return formatBps(value);
  if (key === 'session_lifetime_hours') return `${value} hour${value === 1 ? '' : 's'}`;
  return formatPence(value);
}

export function SettingsPage({ operator }: { operator: OperatorView }) {
  const settings = useQueryMethod('settings.get', {});
  const canEdit = canAccess('settings.schedule', operator.role);

  return (
    <div className="page page--scroll">
      <PageHeader
        title="Settings"
        description={
          canEdit
            ? 'Changes take effect from the date you choose; past values are never rewritten.'
            : 'Only an admin can change settings.'
        }
      />
      {settings.isPending ? <Skeleton lines={6} /> : null}
      {settings.isError ? (
        <ErrorState error={apiErrorOf(settings.error)!} onRetry={() => void settings.refetch()} />
      ) : null}
      {settings.data ? (
        <>
          <div className="cards">
            <section className="card" aria-labelledby="fee-title">
              <h2 id="fee-title" className="card__title">
                Platform fee
              </h2>
              <div className="card__value">{formatBps(settings.data.current.platform_fee_bps)}</div>
              <div className="muted">
                of each lesson payment, kept by LPlate ({settings.data.current.platform_fee_bps} basis points)
              </div>
            </section>
            <section className="card" aria-labelledby="limit-title">
              <h2 id="limit-title" className="card__title">
                Refund approval limit
              </h2>
              <div className="card__value">
                <Money pence={settings.data.current.refund_approval_limit_pence} inline />
              </div>
              <div className="muted">
                support can approve refunds up to this amount; larger ones need finance or a manager
              </div>
            </section>
            <section className="card" aria-labelledby="lifetime-title">
              <h2 id="lifetime-title" className="card__title">
                Session lifetime
              </h2>
              <div className="card__value">
                {formatSetting('session_lifetime_hours', settings.data.current.session_lifetime_hours)}
              </div>
              <div className="muted">
                after this long operators sign in again, however active; 15 minutes without activity locks the
                console sooner
              </div>
            </section>
          </div>
          <StripeSection operator={operator} />
          {canAccess('sessions.list', operator.role) ? <TeamSection /> : null}
          {canAccess('payouts.schedule', operator.role) ? (
            <PayoutScheduleSection operator={operator} />
          ) : null}
          <DesktopSection />
          {canEdit ? <ScheduleForm today={settings.data.today} /> : null}
          <History history={settings.data.history} today={settings.data.today} />
        </>
      ) : null}
    </div>
  );
}

function History({ history, today }: { history: SettingVersion[]; today: string }) {
  const sorted = [...history].sort((a, b) =>
    a.effectiveFrom === b.effectiveFrom
      ? b.createdAt - a.createdAt
      : b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  return (
    <section className="panel panel--padded" aria-labelledby="history-title">
      <h2 id="history-title" className="section-title">
        History
      </h2>
      {sorted.length === 0 ? (
        <p className="muted">No values recorded yet.</p>
      ) : (
        <table className="table table--static" aria-label="Settings history">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col" className="cell--right">
                Value
              </th>
              <th scope="col">Effective from</th>
              <th scope="col">Set by</th>
              <th scope="col">Recorded</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((v) => (
              <tr key={v.id}>
                <td>{LABEL(v.key)}</td>
                <td className="cell--right">
                  {v.key === 'refund_approval_limit_pence' ? (
                    <Money pence={v.value} />
                  ) : (
                    <span className="money">{formatSetting(v.key, v.value)}</span>
                  )}
                </td>
                <td>
                  {formatDay(v.effectiveFrom)}{' '}
                  {v.effectiveFrom > today ? <Badge tone="amber">Scheduled</Badge> : null}
                </td>
                <td>{v.createdByName ?? <span className="muted">System</span>}</td>
                <td>
                  <DateTime ms={v.createdAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScheduleForm({ today }: { today: string }) {
  const [key, setKey] = useState<SettingKey>('platform_fee_bps');
  const [text, setText] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [localError, setLocalError] = useState<string | null>(null);
  const [dateMessage, setDateMessage] = useState<string | null>(null);
  const [pendingValue, setPendingValue] = useState<number | null>(null);
  const toast = useToast();
  const schedule = useMutationMethod('settings.schedule', {
    onSuccess: (v) => {
      toast(`${LABEL(v.key)} set to ${formatSetting(v.key, v.value)} from ${formatDay(v.effectiveFrom)}.`);
      setPendingValue(null);
      setText('');
    },
    onError: (e) => {
      if (Object.keys(fieldErrorsOf(e)).length > 0) setPendingValue(null);
    },
  });
  const fieldErrors = fieldErrorsOf(schedule.error);
  const error = apiErrorOf(schedule.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.reset();
    // Everything is checked here: the confirmation that follows cannot be undone, so it only ever restates good input.
    const value = FORMS[key].parse(text);
    const limits = SETTING_LIMITS[key];
    const valueProblem =
      value === null
        ? FORMS[key].hint
        : value < limits.min || value > limits.max
          ? `The ${LABEL(key).toLowerCase()} must be between ${formatSetting(key, limits.min)} and ${formatSetting(key, limits.max)}.`
          : null;
    // A typed date that is not a real day, or is in the past, is explained under its field (dates.ts).
    const dateProblem = !effectiveFrom
      ? 'Choose the day the new value takes effect.'
      : (dateError(effectiveFrom) ??
        (effectiveFrom < today
          ? `The start date cannot be in the past (today is ${formatDay(today)}).`
          : null));
    setLocalError(valueProblem);
    setDateMessage(dateProblem);
    if (value === null || valueProblem || dateProblem) return;
    setPendingValue(value);
  };

  return (
    <section className="panel panel--padded" aria-labelledby="schedule-title">
      <h2 id="schedule-title" className="section-title">
        Schedule a new value
      </h2>
      <form className="schedule-form" onSubmit={submit} noValidate>
        <SelectField
          label="Setting"
          value={key}
          onChange={(e) => {
            setKey(e.target.value as SettingKey);
            setLocalError(null);
          }}
          options={SETTING_KEYS.map((k) => ({ value: k, label: FORMS[k].option }))}
        />
        <TextField
          label={FORMS[key].input}
          inputMode="decimal"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={localError ?? fieldErrors.value}
          placeholder={FORMS[key].placeholder}
        />
        <DateField
          label="Effective from"
          min={today}
          value={effectiveFrom}
          onChange={(v) => {
            setEffectiveFrom(v);
            setDateMessage(null);
          }}
          error={dateMessage ?? fieldErrors.effectiveFrom}
        />
        <div className="schedule-form__submit">
          <button type="submit" className="button button--primary">
            Review change
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={pendingValue !== null}
        title={`Change the ${LABEL(key).toLowerCase()}`}
        effect={
          pendingValue !== null ? (
            <>
              Set the {LABEL(key).toLowerCase()} to <strong>{formatSetting(key, pendingValue)}</strong> from{' '}
              <strong>{formatDay(effectiveFrom)}</strong>
              {effectiveFrom === today ? ' (today)' : ''}.
            </>
          ) : null
        }
        notes="Payments and refunds before that date keep the value in force when they happened. The change is recorded in the history and the audit log for good."
        confirmLabel="Schedule change"
        irreversible
        pending={schedule.isPending}
        error={
          error && !(error.code === 'validation' && Object.keys(fieldErrors).length > 0)
            ? error.message
            : null
        }
        onConfirm={() =>
          pendingValue !== null && schedule.mutate({ key, value: pendingValue, effectiveFrom })
        }
        onCancel={() => setPendingValue(null)}
      />
      {schedule.isError && pendingValue === null ? <FormError message={error?.message} /> : null}
    </section>
  );
}
