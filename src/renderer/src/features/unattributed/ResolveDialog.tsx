// Resolving one unattributed object: attribute a payment to a learner's lesson with an instructor, a transfer to the
// instructor's Friday payout, or mark it as not marketplace money — always with a note kept in the audit log.
import { useState } from 'react';
import type { PersonMatch } from '@shared/contract/people';
import type { UnattributedItem } from '@shared/contract/unattributed';
import { dateError, formatDay, fridayOnOrAfter, isRealDate, londonDate, weekday } from '@shared/dates';
import { formatPence } from '@shared/money';
import { apiErrorOf, fieldErrorsOf, useMutationMethod, useQueryMethod } from '../../lib/api';
import {
  DateField,
  FormDialog,
  FormError,
  NoteField,
  SelectField,
  TextField,
  useToast,
} from '../../components/ui';
import { PersonPicker } from '../codes/PersonPicker';
import { kindLabel } from './labels';

export type Resolution = 'attribute_payment' | 'attribute_transfer' | 'not_marketplace';

interface Form {
  learner: PersonMatch | null;
  instructorId: string;
  hours: string;
  paymentType: 'lesson' | 'credit_pack';
  payoutDate: string;
  note: string;
}

/** What is wrong with the form as typed, by field (the contract's field names); empty when it can be sent. */
function problemsOf(resolution: Resolution, f: Form): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.note.trim().length < 3) out.note = 'Say in a few words why (at least 3 characters).';
  if (resolution === 'attribute_payment') {
    if (!f.learner) out.learnerId = 'Choose the learner who paid.';
    if (!f.instructorId) out.instructorId = 'Choose the instructor the lessons are with.';
    if (!/^\d+$/.test(f.hours) || Number(f.hours) < 1 || Number(f.hours) > 1000)
      out.hours = 'A whole number of hours from 1 to 1,000.';
  }
  if (resolution === 'attribute_transfer') {
    if (!f.payoutDate) out.payoutDate = 'Choose the Friday of the payout.';
    else if (!isRealDate(f.payoutDate))
      out.payoutDate = dateError(f.payoutDate) ?? 'Choose the Friday of the payout.';
    else if (weekday(f.payoutDate) !== 5) out.payoutDate = `${formatDay(f.payoutDate)} is not a Friday.`;
  }
  return out;
}

const TITLES: Record<Resolution, string> = {
  attribute_payment: 'Attribute a payment',
  attribute_transfer: 'Attribute a transfer to a payout',
  not_marketplace: 'Mark as not marketplace money',
};

export function ResolveDialog({
  item,
  resolution,
  onClose,
  onDone,
}: {
  item: UnattributedItem;
  resolution: Resolution;
  onClose: () => void;
  onDone: () => void;
}) {
  const toast = useToast();
  const amount = item.amountPence === null ? '' : ` of ${formatPence(item.amountPence)}`;
  const [tried, setTried] = useState(false);
  const [form, setForm] = useState<Form>({
    learner: null,
    instructorId: '',
    hours: '1',
    paymentType: 'lesson',
    payoutDate: fridayOnOrAfter(londonDate(item.created)),
    note: '',
  });
  const instructors = useQueryMethod(
    'instructors.list',
    { pageSize: 500, sort: { column: 'name', direction: 'asc' } },
    { enabled: resolution === 'attribute_payment' },
  );
  const resolve = useMutationMethod('unattributed.resolve', {
    onSuccess: () => {
      const what = `${kindLabel(item.objectType)}${amount}`;
      toast(
        resolution === 'not_marketplace' ? `${what} marked as not marketplace money.` : `${what} attributed.`,
      );
      onClose();
      onDone();
    },
  });
  const local = tried ? problemsOf(resolution, form) : {};
  const server = fieldErrorsOf(resolve.error);
  const error = (field: string) => local[field] ?? server[field];
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = () => {
    setTried(true);
    if (Object.keys(problemsOf(resolution, form)).length > 0) return;
    const base = { objectId: item.id, note: form.note.trim() };
    if (resolution === 'attribute_payment')
      resolve.mutate({
        ...base,
        resolution,
        learnerId: form.learner!.id,
        instructorId: form.instructorId,
        paymentType: form.paymentType,
        hours: Number(form.hours),
      });
    else if (resolution === 'attribute_transfer')
      resolve.mutate({ ...base, resolution, payoutDate: form.payoutDate });
    else resolve.mutate({ ...base, resolution });
  };

  const formError =
    resolve.isError && Object.keys(server).length === 0 ? apiErrorOf(resolve.error)?.message : null;
  return (
    <FormDialog
      id="resolve-form"
      title={TITLES[resolution]}
      description={
        resolution === 'attribute_payment'
          ? `The payment${amount} becomes the learner’s prepaid hours with the instructor, split at the instructor’s hourly rate.`
          : resolution === 'attribute_transfer'
            ? `The transfer${amount} to ${item.destination?.instructorName ?? 'the instructor'} counts as their payout on the Friday you choose.`
            : `The money${amount} stays in the ledger under “Not marketplace money” and leaves every marketplace figure.`
      }
      confirmLabel={resolution === 'not_marketplace' ? 'Mark as not marketplace' : 'Attribute'}
      pending={resolve.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      {resolution === 'attribute_payment' ? (
        <>
          <PersonPicker
            label="Learner"
            value={form.learner}
            onChange={(p) => set('learner', p)}
            error={error('learnerId')}
          />
          <SelectField
            label="Instructor"
            value={form.instructorId}
            onChange={(e) => set('instructorId', e.target.value)}
            error={error('instructorId')}
            options={[
              { value: '', label: instructors.isPending ? 'Loading instructors…' : 'Choose an instructor' },
              ...(instructors.data?.rows ?? []).map((i) => ({
                value: i.id,
                label: `${i.name} — ${formatPence(i.hourlyRatePence)}/h`,
              })),
            ]}
          />
          <div className="lesson-fields">
            <TextField
              label="Hours"
              inputMode="numeric"
              value={form.hours}
              onChange={(e) => set('hours', e.target.value)}
              error={error('hours')}
            />
            <SelectField
              label="Bought as"
              value={form.paymentType}
              onChange={(e) => set('paymentType', e.target.value as Form['paymentType'])}
              options={[
                { value: 'lesson', label: 'Lesson' },
                { value: 'credit_pack', label: 'Credit pack' },
              ]}
            />
          </div>
        </>
      ) : null}
      {resolution === 'attribute_transfer' ? (
        <DateField
          label="Payout Friday"
          value={form.payoutDate}
          onChange={(v) => set('payoutDate', v)}
          error={error('payoutDate')}
          hint={isRealDate(form.payoutDate) ? formatDay(form.payoutDate) : undefined}
        />
      ) : null}
      <NoteField
        label="Why (kept in the audit log)"
        value={form.note}
        onChange={(v) => set('note', v)}
        error={error('note')}
      />
      <FormError message={formError} />
    </FormDialog>
  );
}
