// Creating one code: typed in or generated (readable, no ambiguous characters), checked as it is typed, with its
// percentage, limit, expiry and — for a referral code — its referrer. The server's answer shows against the field.
import { useState, type FormEvent } from 'react';
import { codeProblem } from '@shared/codes';
import type { CodeKind } from '@shared/contract/codes';
import type { PersonMatch } from '@shared/contract/people';
import { londonDate } from '@shared/dates';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../../lib/api';
import { Dialog, FormError, SelectField, TextField, useToast } from '../../components/ui';
import {
  expiryProblem,
  maxUsesProblem,
  percentageProblem,
  problems,
  randomCode,
  wholeNumber,
} from './code-form';
import { CodeTermsFields } from './CodeTermsFields';
import { PersonPicker } from './PersonPicker';

interface Form {
  kind: CodeKind;
  code: string;
  percentage: string;
  maxUses: string;
  expiresOn: string;
  note: string;
}

const empty = (kind: CodeKind): Form => ({
  kind,
  code: '',
  percentage: '10',
  maxUses: '',
  expiresOn: '',
  note: '',
});

/** Mounted while open: each opening starts from a blank form. */
export function NewCodeDialog({
  kind,
  onClose,
  onCreated,
}: {
  /** The tab it was opened from. */
  kind: CodeKind;
  onClose: () => void;
  onCreated: (created: { codeId: string; code: string; kind: CodeKind }) => void;
}) {
  const toast = useToast();
  const [form, setForm] = useState<Form>(() => empty(kind));
  const [referrer, setReferrer] = useState<PersonMatch | null>(null);
  /** The code field was left once: a too-short code is worth saying from then on. */
  const [codeLeft, setCodeLeft] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  /** Fields changed since the server answered: its message about them no longer applies. */
  const [edited, setEdited] = useState<Set<string>>(() => new Set());
  const create = useMutationMethod('codes.create', {
    onSuccess: (done, input) => {
      toast(`Created ${done.code}. Sending it to Stripe…`, 'info');
      onCreated({ codeId: done.codeId, code: done.code, kind: input.kind });
    },
    onError: () => setEdited(new Set()),
  });

  const set = (key: keyof Form) => (e: { target: { value: string } }) => {
    const value = key === 'code' ? e.target.value.toUpperCase() : e.target.value;
    setForm((f) => ({ ...f, [key]: value }));
    setLocal((l) => {
      const { [key]: _gone, ...rest } = l;
      return rest;
    });
    setEdited((e) => new Set(e).add(key));
  };
  const today = londonDate(Date.now());
  const server = fieldErrorsOf(create.error);
  const serverFor = (key: string) => (edited.has(key) ? undefined : server[key]);
  // The format is checked as it is typed (a short code once the field is left); the rest when the form is sent.
  const trimmed = form.code.trim().toUpperCase();
  const liveCodeProblem =
    trimmed && (codeLeft || trimmed.length >= 4 || /[^A-Z0-9-]/.test(trimmed)) ? codeProblem(trimmed) : null;
  const errors = {
    code: local.code ?? liveCodeProblem ?? serverFor('code'),
    percentage: local.percentage ?? serverFor('percentage'),
    maxUses: local.maxUses ?? serverFor('maxUses'),
    expiresOn: local.expiresOn ?? serverFor('expiresOn'),
    referrerId: local.referrerId ?? serverFor('referrerId'),
    note: serverFor('note'),
  };
  const apiError = apiErrorOf(create.error);
  const formError = apiError && Object.keys(server).length === 0 ? apiError.message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = problems({
      code: form.code.trim() ? codeProblem(form.code) : 'Type a code, or generate one.',
      percentage: percentageProblem(form.percentage),
      maxUses: maxUsesProblem(form.maxUses),
      expiresOn: expiryProblem(form.expiresOn, today),
      referrerId:
        form.kind === 'referral' && !referrer ? 'A referral code names its referrer: choose a person.' : null,
    });
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({
      kind: form.kind,
      code: form.code.trim(),
      percentage: wholeNumber(form.percentage)!,
      maxUses: wholeNumber(form.maxUses),
      expiresOn: form.expiresOn || null,
      ...(form.kind === 'referral' && referrer ? { referrerId: referrer.id } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    });
  };

  return (
    <Dialog
      open
      title="New code"
      onClose={onClose}
      description="The console records it at once and creates it in Stripe (a coupon and a promotion code) as a job."
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            form="new-code-form"
            className="button button--primary"
            disabled={create.isPending}
          >
            {create.isPending ? 'Creating…' : 'Create code'}
          </button>
        </>
      }
    >
      <form id="new-code-form" onSubmit={submit} noValidate>
        <SelectField
          label="Kind"
          name="kind"
          value={form.kind}
          onChange={set('kind')}
          options={[
            { value: 'discount', label: 'Discount code (for anyone)' },
            { value: 'referral', label: 'Referral code (names a referrer)' },
          ]}
        />
        <div className="inline-form">
          <TextField
            label="Code"
            name="code"
            className="code-text"
            autoComplete="off"
            spellCheck={false}
            maxLength={40}
            placeholder="e.g. SPRING-2027"
            value={form.code}
            onChange={set('code')}
            onBlur={() => setCodeLeft(true)}
            error={errors.code}
            hint="4 to 32 letters A–Z, digits or dashes; learners may type it in any case."
            data-autofocus
          />
          <button
            type="button"
            className="button inline-form__button"
            onClick={() => set('code')({ target: { value: randomCode() } })}
          >
            Generate
          </button>
        </div>
        <CodeTermsFields form={form} set={set} errors={errors} today={today} many={false}>
          {form.kind === 'referral' ? (
            <PersonPicker
              value={referrer}
              onChange={(p) => {
                setReferrer(p);
                setLocal(({ referrerId: _gone, ...rest }) => rest);
                setEdited((e) => new Set(e).add('referrerId'));
              }}
              error={errors.referrerId}
            />
          ) : null}
        </CodeTermsFields>
        <FormError message={formError} />
      </form>
    </Dialog>
  );
}
