// Settings → Payout schedule: when the console prepares each Friday's run, whether it may execute one on its own and
// under what limit, and the minimum payout. Everyone sees the policy in words; only an admin changes it.
import { useState, type FormEvent } from 'react';
import type { OperatorView } from '@shared/contract/auth';
import type { PayoutPolicy } from '@shared/contract/payouts';
import { formatDay } from '@shared/dates';
import { parsePounds, penceAsDecimal } from '@shared/money';
import { apiErrorOf, canAccess, fieldErrorsOf, useMutationMethod, useQueryMethod } from '../../lib/api';
import {
  DateTime,
  ErrorState,
  FormError,
  SelectField,
  Skeleton,
  TextField,
  useToast,
} from '../../components/ui';
import { describeMinimum, describeSchedule, WEEKDAYS } from '../payouts/policy-text';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const pounds = (pence: number | null) => (pence === null ? '' : penceAsDecimal(pence));

export function PayoutScheduleSection({ operator }: { operator: OperatorView }) {
  const schedule = useQueryMethod('payouts.schedule', {});
  const canEdit = canAccess('payouts.setPolicy', operator.role);
  return (
    <section className="panel panel--padded" aria-labelledby="payout-schedule-title">
      <h2 id="payout-schedule-title" className="section-title">
        Payout schedule
      </h2>
      {schedule.isPending ? <Skeleton lines={3} /> : null}
      {schedule.isError ? (
        <ErrorState error={apiErrorOf(schedule.error)!} onRetry={() => void schedule.refetch()} />
      ) : null}
      {schedule.data ? (
        <>
          <p>{describeSchedule(schedule.data.policy)}</p>
          <p className="muted">
            {describeMinimum(schedule.data.policy)}
            {schedule.data.next ? (
              <>
                {' '}
                Next: <DateTime ms={schedule.data.next.at} />, for {formatDay(schedule.data.next.friday)}.
              </>
            ) : null}
            {schedule.data.policy.setBy ? (
              <>
                {' '}
                Set by {schedule.data.policy.setBy}, <DateTime ms={schedule.data.policy.setAt} />.
              </>
            ) : null}
          </p>
          {canEdit ? <PolicyForm policy={schedule.data.policy} /> : null}
        </>
      ) : null}
    </section>
  );
}

function PolicyForm({ policy }: { policy: PayoutPolicy }) {
  const [autoPrepare, setAutoPrepare] = useState(policy.autoPrepare);
  const [weekday, setWeekday] = useState(String(policy.scheduleWeekday));
  const [time, setTime] = useState(policy.scheduleTime);
  const [minimum, setMinimum] = useState(pounds(policy.minimumPence));
  const [autoExecute, setAutoExecute] = useState(policy.autoExecuteLimitPence !== null);
  const [limit, setLimit] = useState(pounds(policy.autoExecuteLimitPence));
  const [local, setLocal] = useState<Record<string, string>>({});
  const toast = useToast();
  const save = useMutationMethod('payouts.setPolicy', {
    onSuccess: (p) => toast(`Payout schedule saved. ${describeSchedule(p)}`),
  });
  const errors = { ...fieldErrorsOf(save.error), ...local };
  const apiError = apiErrorOf(save.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.reset();
    const found: Record<string, string> = {};
    const minimumPence = parsePounds(minimum);
    if (minimumPence === null || minimumPence < 0)
      found.minimumPence = 'Enter an amount in pounds, like 1 or 1.00.';
    if (autoPrepare && !TIME.test(time))
      found.scheduleTime = 'Enter a time as HH:MM on the 24-hour clock, like 10:00.';
    const limitPence = autoExecute ? parsePounds(limit) : null;
    if (autoExecute && (limitPence === null || limitPence < 1))
      found.autoExecuteLimitPence = 'Enter the largest total to pay without a person, like 2,500.00.';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({
      minimumPence: minimumPence!,
      scheduleWeekday: Number(weekday),
      scheduleTime: time,
      autoPrepare,
      autoExecuteLimitPence: autoPrepare ? limitPence : null,
    });
  };

  return (
    <form className="policy-form" onSubmit={submit} noValidate aria-label="Change the payout schedule">
      <label className="checkbox">
        <input type="checkbox" checked={autoPrepare} onChange={(e) => setAutoPrepare(e.target.checked)} />
        <span>Prepare each Friday’s run on a schedule</span>
      </label>
      <div className="policy-form__row">
        <SelectField
          label="Day"
          value={weekday}
          disabled={!autoPrepare}
          onChange={(e) => setWeekday(e.target.value)}
          options={WEEKDAYS.map((name, i) => ({ value: String(i), label: name }))}
          hint="a day before Friday prepares that Friday’s run"
          error={errors.scheduleWeekday}
        />
        <TextField
          label="Time (UK, 24-hour)"
          value={time}
          disabled={!autoPrepare}
          onChange={(e) => setTime(e.target.value)}
          placeholder="10:00"
          inputMode="numeric"
          error={errors.scheduleTime}
        />
        <TextField
          label="Minimum payout (£)"
          value={minimum}
          onChange={(e) => setMinimum(e.target.value)}
          inputMode="decimal"
          placeholder="1.00"
          error={errors.minimumPence}
        />
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={autoPrepare && autoExecute}
          disabled={!autoPrepare}
          onChange={(e) => setAutoExecute(e.target.checked)}
        />
        <span>Execute the run without a person when every check passes</span>
      </label>
      {autoPrepare && autoExecute ? (
        <div className="policy-form__row">
          <TextField
            label="Auto-execution limit (£)"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            inputMode="decimal"
            placeholder="2,500.00"
            hint="a run whose total is over this waits for finance"
            error={errors.autoExecuteLimitPence}
          />
        </div>
      ) : null}
      <div>
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          Save payout schedule
        </button>
      </div>
      {apiError && Object.keys(fieldErrorsOf(save.error)).length === 0 ? (
        <FormError message={apiError.message} />
      ) : null}
    </form>
  );
}
