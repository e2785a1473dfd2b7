// What finance and managers can do to a code, each restated before it is done: deactivate or reactivate (in effect
// in the console at once, then in Stripe), change its limit and expiry, send it to Stripe again, take over a code
// made in Stripe.
import { useState } from 'react';
import type { CodeRow } from '@shared/contract/codes';
import { formatDay, londonDate } from '@shared/dates';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { DateField, FormDialog, FormError, NoteField, TextField, useToast } from '../../components/ui';
import { expiryProblem, maxUsesProblem, problems, wholeNumber } from './code-form';

export type CodeAction = 'deactivate' | 'reactivate' | 'edit' | 'resend' | 'adopt';

/** The dialog of one action, mounted while it is open. */
export function CodeActionDialog({
  action,
  code,
  onClose,
}: {
  action: CodeAction;
  code: CodeRow;
  onClose: () => void;
}) {
  switch (action) {
    case 'deactivate':
    case 'reactivate':
      return <SetActiveDialog code={code} activate={action === 'reactivate'} onClose={onClose} />;
    case 'edit':
      return <EditLimitsDialog code={code} onClose={onClose} />;
    case 'resend':
      return <ResendDialog code={code} onClose={onClose} />;
    case 'adopt':
      return <AdoptDialog code={code} onClose={onClose} />;
  }
}

function SetActiveDialog({
  code: c,
  activate,
  onClose,
}: {
  code: CodeRow;
  activate: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const update = useMutationMethod('codes.update', {
    onSuccess: () => {
      toast(
        activate
          ? `Reactivated ${c.code}. Sending the change to Stripe…`
          : `Deactivated ${c.code}: it no longer works at checkout. Sending the change to Stripe…`,
        'info',
      );
      onClose();
    },
  });
  const stillUnusable =
    activate && c.expiresOn !== null && c.expiresOn < londonDate(Date.now())
      ? `It stays unusable: it expired after ${formatDay(c.expiresOn)}. Change its expiry to use it again.`
      : activate && c.maxUses !== null && c.usesCount >= c.maxUses
        ? `It stays unusable: it has been used ${formatCount(c.usesCount)} times, its limit. Raise the limit to use it again.`
        : null;
  return (
    <FormDialog
      id="set-active-form"
      title={`${activate ? 'Reactivate' : 'Deactivate'} ${c.code}?`}
      confirmLabel={activate ? 'Reactivate code' : 'Deactivate code'}
      danger={!activate}
      pending={update.isPending}
      onClose={onClose}
      onSubmit={() =>
        update.mutate({ codeId: c.id, active: activate, ...(note.trim() ? { note: note.trim() } : {}) })
      }
    >
      <div className="confirm__effect">
        {activate
          ? `Reactivate ${c.code}: learners can use it at checkout again (${c.percentage}% off the list price).`
          : `Deactivate ${c.code}: from now on learners cannot use it at checkout.`}
      </div>
      <div className="confirm__notes">
        {activate ? 'The console allows it at once' : 'The console stops it at once'}; Stripe follows as a job
        (see Jobs). The {formatCount(c.usesCount)} payment{c.usesCount === 1 ? '' : 's'} already made with it
        do not change.{' '}
        {activate ? 'You can deactivate it again.' : 'You can reactivate it later; codes are never deleted.'}
      </div>
      {stillUnusable ? <div className="notice notice--amber confirm__warning">{stillUnusable}</div> : null}
      <NoteField value={note} onChange={setNote} />
      <FormError message={apiErrorOf(update.error)?.message} />
    </FormDialog>
  );
}

function EditLimitsDialog({ code: c, onClose }: { code: CodeRow; onClose: () => void }) {
  const toast = useToast();
  const [maxUses, setMaxUses] = useState(c.maxUses === null ? '' : String(c.maxUses));
  const [expiresOn, setExpiresOn] = useState(c.expiresOn ?? '');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState<Set<string>>(() => new Set());
  const update = useMutationMethod('codes.update', {
    onSuccess: () => {
      toast(`Changed ${c.code}. Sending the change to Stripe…`, 'info');
      onClose();
    },
    onError: () => setEdited(new Set()),
  });
  const today = londonDate(Date.now());
  const server = fieldErrorsOf(update.error);
  const serverFor = (key: string) => (edited.has(key) ? undefined : server[key]);
  const apiError = apiErrorOf(update.error);
  const touch = (key: string) => {
    setLocal(({ [key]: _gone, ...rest }) => rest);
    setEdited((s) => new Set(s).add(key));
  };

  const submit = () => {
    const found = problems({
      maxUses: maxUsesProblem(maxUses, c.usesCount, c.code),
      expiresOn: expiresOn !== (c.expiresOn ?? '') ? expiryProblem(expiresOn, today) : null,
    });
    const newMax = wholeNumber(maxUses);
    const newExpiry = expiresOn || null;
    const changes = {
      ...(newMax !== c.maxUses ? { maxUses: newMax } : {}),
      ...(newExpiry !== c.expiresOn ? { expiresOn: newExpiry } : {}),
    };
    if (Object.keys(found).length === 0 && Object.keys(changes).length === 0)
      found.form = 'Nothing has changed: set a new limit or expiry, or cancel.';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ codeId: c.id, ...changes, ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <FormDialog
      id="edit-limits-form"
      title={`Limit and expiry of ${c.code}`}
      confirmLabel="Save changes"
      pending={update.isPending}
      onClose={onClose}
      onSubmit={submit}
    >
      <TextField
        label="Max uses"
        name="maxUses"
        type="number"
        inputMode="numeric"
        min={Math.max(1, c.usesCount)}
        step={1}
        placeholder="No limit"
        value={maxUses}
        onChange={(e) => {
          setMaxUses(e.target.value);
          touch('maxUses');
        }}
        error={local.maxUses ?? serverFor('maxUses')}
        hint={`Used ${formatCount(c.usesCount)} time${c.usesCount === 1 ? '' : 's'}; the limit can’t be lower. Blank: no limit.`}
        data-autofocus
      />
      <DateField
        label="Expires after"
        name="expiresOn"
        min={today}
        value={expiresOn}
        onChange={(value) => {
          setExpiresOn(value);
          touch('expiresOn');
        }}
        error={local.expiresOn ?? serverFor('expiresOn')}
        hint="The last UK day it works on. Blank: never expires."
      />
      <NoteField value={note} onChange={setNote} />
      <FormError
        message={local.form ?? (apiError && Object.keys(server).length === 0 ? apiError.message : null)}
      />
    </FormDialog>
  );
}

function ResendDialog({ code: c, onClose }: { code: CodeRow; onClose: () => void }) {
  const toast = useToast();
  const resend = useMutationMethod('codes.resend', {
    onSuccess: () => {
      toast(`Sending ${c.code} to Stripe again…`, 'info');
      onClose();
    },
  });
  const why = c.stripe.state === 'refused' || c.stripe.state === 'out_of_step' ? c.stripe.reason : null;
  return (
    <FormDialog
      id="resend-form"
      title={`Send ${c.code} to Stripe again?`}
      confirmLabel="Send to Stripe again"
      pending={resend.isPending}
      onClose={onClose}
      onSubmit={() => resend.mutate({ codeId: c.id })}
    >
      <div className="confirm__effect">
        Send the console’s terms of {c.code} to Stripe: {c.percentage}% off,{' '}
        {c.maxUses === null ? 'no limit' : `at most ${formatCount(c.maxUses)} uses`},{' '}
        {c.expiresOn ? `until the end of ${formatDay(c.expiresOn)}` : 'no expiry'},{' '}
        {c.isActive ? 'active' : 'deactivated'}.
      </div>
      {why ? <div className="confirm__notes">Why it is needed: {why}</div> : null}
      <div className="confirm__notes">
        It goes as a job; the Stripe column shows “Sending…” until Stripe answers.
      </div>
      <FormError message={apiErrorOf(resend.error)?.message} />
    </FormDialog>
  );
}

function AdoptDialog({ code: c, onClose }: { code: CodeRow; onClose: () => void }) {
  const toast = useToast();
  const [note, setNote] = useState('');
  const adopt = useMutationMethod('codes.adopt', {
    onSuccess: () => {
      toast(`The console now manages ${c.code}.`);
      onClose();
    },
  });
  return (
    <FormDialog
      id="adopt-form"
      title={`Take over ${c.code}?`}
      confirmLabel="Take over"
      pending={adopt.isPending}
      onClose={onClose}
      onSubmit={() => adopt.mutate({ codeId: c.id, ...(note.trim() ? { note: note.trim() } : {}) })}
    >
      <div className="confirm__effect">
        The console records {c.code} with its terms in Stripe ({c.percentage}% off,{' '}
        {c.maxUses === null ? 'no limit' : `at most ${formatCount(c.maxUses)} uses`},{' '}
        {c.expiresOn ? `until the end of ${formatDay(c.expiresOn)}` : 'no expiry'}) and manages it from then
        on.
      </div>
      <div className="confirm__notes">
        Nothing is sent to Stripe now. Later changes are made here and sent to Stripe; a change made in Stripe
        will show as “Out of step”.
      </div>
      <NoteField value={note} onChange={setNote} />
      <FormError message={apiErrorOf(adopt.error)?.message} />
    </FormDialog>
  );
}
