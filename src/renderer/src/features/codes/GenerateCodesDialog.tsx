// Generating a batch of discount codes with a prefix: the terms, then the effect restated in words and figures, then
// the batch as a CSV file and the job that creates the codes in Stripe, followed live.
import { useState, type FormEvent } from 'react';
import { FIRST_CHARACTER, GENERATED_LENGTH, PREFIX_MAX } from '@shared/codes';
import { formatDay, londonDate } from '@shared/dates';
import { apiErrorOf, fieldErrorsOf, useInvoke, useMutationMethod } from '../../lib/api';
import { downloadCsv } from '../../lib/csv';
import { formatCount } from '../../lib/format';
import type { JobState } from '@shared/contract';
import { Badge, Dialog, FormError, TextField, useToast, type BadgeTone } from '../../components/ui';
import { jobCounts, ProgressBar } from '../jobs/JobProgressBar';
import { isActive, useJobs } from '../jobs/useJobs';
import { CodeTermsFields } from './CodeTermsFields';
import { expiryProblem, maxUsesProblem, percentageProblem, problems, wholeNumber } from './code-form';

interface Form {
  prefix: string;
  count: string;
  percentage: string;
  maxUses: string;
  expiresOn: string;
  note: string;
}

const EMPTY: Form = { prefix: '', count: '10', percentage: '10', maxUses: '1', expiresOn: '', note: '' };

function prefixProblem(text: string): string | null {
  const p = text.trim();
  if (!p) return 'Choose a prefix, e.g. WINTER.';
  if (!/^[A-Z0-9-]+$/.test(p)) return 'Letters A–Z, digits and dashes only.';
  if (!FIRST_CHARACTER.test(p)) return 'Start with a letter or a digit.';
  if (p.length > PREFIX_MAX)
    return `At most ${PREFIX_MAX} characters (the code adds a dash and ${GENERATED_LENGTH}).`;
  return null;
}

function countProblem(text: string): string | null {
  const n = wholeNumber(text);
  if (n === null || Number.isNaN(n) || n < 1 || n > 1000) return 'A whole number from 1 to 1,000.';
  return null;
}

const JOB_TONE: Record<JobState, BadgeTone> = {
  queued: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'grey',
  interrupted: 'amber',
};
const JOB_WORD: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/** `WINTER-XXXXXX`: what the batch's codes look like. */
const pattern = (prefix: string) => `${prefix.trim().replace(/-+$/, '')}-${'X'.repeat(GENERATED_LENGTH)}`;

/** Mounted while open. `onShowJobs` closes it and opens the jobs panel. */
export function GenerateCodesDialog({
  onClose,
  onShowJobs,
}: {
  onClose: () => void;
  onShowJobs: () => void;
}) {
  const toast = useToast();
  const invoke = useInvoke();
  const [form, setForm] = useState<Form>(EMPTY);
  const [step, setStep] = useState<'terms' | 'confirm' | 'done'>('terms');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState<Set<string>>(() => new Set());
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const generate = useMutationMethod('codes.generate', {
    onSuccess: (done) => {
      setStep('done');
      toast(`Generated ${formatCount(done.codes.length)} codes. Creating them in Stripe…`, 'info');
    },
    onError: () => {
      setEdited(new Set());
      setStep('terms');
    },
  });
  const { jobs } = useJobs();
  const today = londonDate(Date.now());

  const set = (key: keyof Form) => (e: { target: { value: string } }) => {
    const value = key === 'prefix' ? e.target.value.toUpperCase() : e.target.value;
    setForm((f) => ({ ...f, [key]: value }));
    setLocal(({ [key]: _gone, ...rest }) => rest);
    setEdited((s) => new Set(s).add(key));
  };
  const server = fieldErrorsOf(generate.error);
  const serverFor = (key: string) => (edited.has(key) ? undefined : server[key]);
  const errors = {
    prefix: local.prefix ?? serverFor('prefix'),
    count: local.count ?? serverFor('count'),
    percentage: local.percentage ?? serverFor('percentage'),
    maxUses: local.maxUses ?? serverFor('maxUses'),
    expiresOn: local.expiresOn ?? serverFor('expiresOn'),
  };
  const apiError = apiErrorOf(generate.error);
  const formError = apiError && Object.keys(server).length === 0 ? apiError.message : null;

  const count = wholeNumber(form.count) ?? 0;
  const percentage = wholeNumber(form.percentage) ?? 0;
  const maxUses = wholeNumber(form.maxUses);

  const review = (event: FormEvent) => {
    event.preventDefault();
    const found = problems({
      prefix: prefixProblem(form.prefix),
      count: countProblem(form.count),
      percentage: percentageProblem(form.percentage),
      maxUses: maxUsesProblem(form.maxUses),
      expiresOn: expiryProblem(form.expiresOn, today),
    });
    setLocal(found);
    if (Object.keys(found).length === 0) setStep('confirm');
  };
  const send = (event: FormEvent) => {
    event.preventDefault();
    generate.mutate({
      prefix: form.prefix.trim(),
      count,
      percentage,
      maxUses,
      expiresOn: form.expiresOn || null,
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    });
  };

  const done = step === 'done' ? generate.data : undefined;
  const job = done ? jobs.find((j) => j.jobId === done.jobId) : undefined;
  const download = async () => {
    if (!done) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      const file = await invoke('codes.batchCsv', { batchId: done.batchId });
      downloadCsv(file.filename, file.csv);
    } catch (e) {
      setDownloadError(`Could not make the CSV file: ${apiErrorOf(e)?.message ?? String(e)}`);
    } finally {
      setDownloading(false);
    }
  };

  const noun = `${formatCount(count)} code${count === 1 ? '' : 's'}`;
  const footer =
    step === 'terms' ? (
      <>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" form="generate-codes-form" className="button button--primary">
          Review
        </button>
      </>
    ) : step === 'confirm' ? (
      <>
        <button
          type="button"
          className="button"
          onClick={() => setStep('terms')}
          disabled={generate.isPending}
        >
          Back
        </button>
        <button
          type="submit"
          form="generate-codes-confirm"
          className="button button--primary"
          disabled={generate.isPending}
          data-autofocus
        >
          {generate.isPending ? 'Generating…' : `Create ${noun}`}
        </button>
      </>
    ) : (
      <>
        <button type="button" className="button" onClick={onShowJobs}>
          Show in Jobs
        </button>
        <button
          type="button"
          className="button button--primary"
          onClick={() => void download()}
          disabled={downloading}
        >
          {downloading ? 'Preparing…' : 'Download CSV'}
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </>
    );

  return (
    <Dialog
      open
      title={step === 'done' ? 'Codes generated' : 'Generate codes'}
      onClose={onClose}
      description={
        step === 'terms'
          ? 'Discount codes with a prefix and a readable random part, created in Stripe together as one job.'
          : undefined
      }
      footer={footer}
    >
      {step === 'terms' ? (
        <form id="generate-codes-form" onSubmit={review} noValidate>
          <div className="form-row">
            <TextField
              label="Prefix"
              name="prefix"
              className="code-text"
              autoComplete="off"
              spellCheck={false}
              placeholder="WINTER"
              value={form.prefix}
              onChange={set('prefix')}
              error={errors.prefix}
              hint={form.prefix.trim() ? `Codes like ${pattern(form.prefix)}` : 'Codes like PREFIX-7KQ3MX'}
              data-autofocus
            />
            <TextField
              label="How many"
              name="count"
              type="number"
              inputMode="numeric"
              min={1}
              max={1000}
              step={1}
              value={form.count}
              onChange={set('count')}
              error={errors.count}
              hint="1 to 1,000."
            />
          </div>
          <CodeTermsFields form={form} set={set} errors={errors} today={today} many />
          <FormError message={formError} />
        </form>
      ) : step === 'confirm' ? (
        <form id="generate-codes-confirm" onSubmit={send}>
          <div className="confirm__effect">
            Create {noun} like <code className="code-text">{pattern(form.prefix)}</code> at {percentage}% in
            Stripe
          </div>
          <ul className="confirm__list">
            <li>
              {maxUses === null
                ? 'Each can be used any number of times.'
                : `Each can be used ${formatCount(maxUses)} time${maxUses === 1 ? '' : 's'}.`}
            </li>
            <li>
              {form.expiresOn
                ? `They work until the end of ${formatDay(form.expiresOn)}.`
                : 'They never expire.'}
            </li>
            <li>The platform absorbs the discount; instructors are paid in full.</li>
          </ul>
          <div className="confirm__notes">
            Nothing is charged now. You can download the codes as a CSV file once they are made, and
            deactivate any of them later.
          </div>
        </form>
      ) : done ? (
        <div>
          <div className="confirm__effect">
            {job?.state === 'done'
              ? `${formatCount(done.codes.length)} codes made, and created in Stripe.`
              : `${formatCount(done.codes.length)} codes made in the console. They are being created in Stripe as one job.`}
          </div>
          <div className="batch-progress">
            {job ? (
              <>
                <div className="batch-progress__head">
                  <span>{job.title}</span>
                  <Badge tone={JOB_TONE[job.state]}>{JOB_WORD[job.state]}</Badge>
                </div>
                <ProgressBar done={job.done} total={job.total} label="Creating the codes in Stripe" />
                <div className="muted">
                  {isActive(job)
                    ? `${jobCounts(job, true)} Stripe writes`
                    : `${formatCount(job.done)}${job.total !== null ? ` of ${formatCount(job.total)}` : ''} Stripe writes done`}
                </div>
                {job.state === 'failed' || job.state === 'interrupted' ? (
                  <div className="field__error">
                    {job.message} The codes Stripe did not take show “Refused by Stripe”; open one to send it
                    again.
                  </div>
                ) : null}
              </>
            ) : (
              <div className="muted">Waiting for the job to start…</div>
            )}
          </div>
          <div className="batch-codes" aria-label="Generated codes">
            {done.codes.slice(0, 12).map((c) => (
              <code key={c} className="code-text">
                {c}
              </code>
            ))}
            {done.codes.length > 12 ? (
              <span className="muted">and {formatCount(done.codes.length - 12)} more (in the CSV file)</span>
            ) : null}
          </div>
          <FormError message={downloadError} />
        </div>
      ) : null}
    </Dialog>
  );
}
