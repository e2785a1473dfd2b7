// Recording a lesson by hand, or correcting one: a correction reverses the lesson and, unless it did not happen,
// records the right hours and time in the same step — a recorded lesson is never edited.
import { useState, type FormEvent } from 'react';
import type { HistoryEntry } from '@shared/contract/credits';
import { dateError, ISO_DATE, londonDate, londonInstant, londonWallClock } from '@shared/dates';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../../lib/api';
import { DateField, Dialog, FormError, TextField, useToast } from '../../components/ui';

export type LessonTarget =
  { kind: 'record'; learnerId: string; instructorId: string } | { kind: 'correct'; entry: HistoryEntry };

interface Form {
  hours: string;
  date: string;
  time: string;
  text: string;
  happened: boolean;
}

function initial(target: LessonTarget): Form {
  const at = target.kind === 'correct' ? target.entry.at : Date.now();
  const { date, time } = londonWallClock(at);
  const hours = target.kind === 'correct' ? String(Math.abs(target.entry.hours ?? 1)) : '1';
  return { hours, date, time: target.kind === 'correct' ? time : '', text: '', happened: true };
}

/** What is wrong with the lesson as typed, by field; empty when it can be sent. */
function problemsOf(form: Form, now: number, needsReason: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  const hours = Number(form.hours);
  if (needsReason && form.text.trim().length < 3) out.reason = 'Say why, in a few words.';
  if (!form.happened) return out;
  if (!/^\d+$/.test(form.hours) || hours < 1 || hours > 12)
    out.hours = 'A whole number of hours from 1 to 12.';
  if (!form.date) out.date = 'The day of the lesson.';
  else if (!ISO_DATE.test(form.date)) out.date = dateError(form.date) ?? 'The day of the lesson.';
  if (!/^\d{2}:\d{2}$/.test(form.time)) out.time = 'When the lesson ended, e.g. 14:30.';
  else if (ISO_DATE.test(form.date) && londonInstant(form.date, form.time) > now)
    out.time = 'The lesson cannot end in the future.';
  return out;
}

export function LessonDialog({
  target,
  remaining,
  onClose,
}: {
  target: LessonTarget;
  /** Hours the pair has left now, said beside the hours field. */
  remaining: number;
  onClose: () => void;
}) {
  const toast = useToast();
  const correcting = target.kind === 'correct';
  const [form, setForm] = useState<Form>(() => initial(target));
  const [tried, setTried] = useState(false);
  const [requestId] = useState(() => crypto.randomUUID());
  const done = (message: string) => {
    toast(message);
    onClose();
  };
  const record = useMutationMethod('completions.record', { onSuccess: () => done('Lesson recorded.') });
  const reverse = useMutationMethod('completions.reverse', {
    onSuccess: (r) => done(r.replacementId ? 'Lesson corrected.' : 'Lesson reversed: its hours are back.'),
  });
  const mutation = correcting ? reverse : record;
  const local = tried ? problemsOf(form, Date.now(), correcting) : {};
  const server = fieldErrorsOf(mutation.error);
  const set = (key: keyof Form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problemsOf(form, Date.now(), correcting)).length > 0) return;
    const lesson = { hours: Number(form.hours), completedAt: londonInstant(form.date, form.time) };
    if (target.kind === 'record')
      record.mutate({
        id: requestId,
        learnerId: target.learnerId,
        instructorId: target.instructorId,
        ...lesson,
        ...(form.text.trim() ? { note: form.text.trim() } : {}),
      });
    else
      reverse.mutate({
        completionId: target.entry.id,
        reason: form.text.trim(),
        ...(form.happened ? { replacement: lesson } : {}),
      });
  };

  const label = correcting ? (form.happened ? 'Reverse and record' : 'Reverse lesson') : 'Record lesson';
  return (
    <Dialog
      open
      title={correcting ? 'Correct a lesson' : 'Record a lesson'}
      description={
        correcting
          ? `The lesson of ${Math.abs(target.entry.hours ?? 0)} h stays in the history, marked reversed; its hours come back to the learner.`
          : 'The lesson uses the learner’s oldest paid hours with this instructor and earns the instructor their share.'
      }
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </button>
          <button
            type="submit"
            form="lesson-form"
            className="button button--primary"
            disabled={mutation.isPending}
          >
            {mutation.isPending ? 'Working…' : label}
          </button>
        </>
      }
    >
      <form id="lesson-form" onSubmit={submit} noValidate>
        {correcting ? (
          <fieldset className="radio-group">
            <legend>What happened?</legend>
            <label className="checkbox">
              <input
                type="radio"
                name="happened"
                checked={form.happened}
                onChange={() => setForm((f) => ({ ...f, happened: true }))}
              />
              <span>The lesson happened, with other hours or at another time</span>
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="happened"
                checked={!form.happened}
                onChange={() => setForm((f) => ({ ...f, happened: false }))}
              />
              <span>The lesson did not happen</span>
            </label>
          </fieldset>
        ) : null}
        {form.happened ? (
          <div className="lesson-fields">
            <TextField
              label="Hours"
              inputMode="numeric"
              value={form.hours}
              onChange={set('hours')}
              error={local.hours ?? server.hours ?? server['replacement.hours']}
              hint={correcting ? undefined : `${remaining} h left`}
              data-autofocus
            />
            <DateField
              label="Date"
              max={londonDate(Date.now())}
              value={form.date}
              onChange={(date) => setForm((f) => ({ ...f, date }))}
              error={local.date}
            />
            <TextField
              label="Ended at"
              type="time"
              value={form.time}
              onChange={set('time')}
              error={local.time ?? server.completedAt}
            />
          </div>
        ) : null}
        <TextField
          label={correcting ? 'Reason' : 'Note (optional)'}
          value={form.text}
          onChange={set('text')}
          maxLength={500}
          error={local.reason ?? server.reason}
          placeholder={correcting ? 'e.g. It was a one-hour lesson' : 'e.g. From the instructor’s diary'}
        />
        <FormError message={mutation.isError ? apiErrorOf(mutation.error)?.message : null} />
      </form>
    </Dialog>
  );
}
