// Settling a Stripe write the console could not confirm: the person looks in the Stripe Dashboard for the object
// carrying the write's id, then says it was made (its id, checked by main in Stripe) or not made, and why.
import { useState } from 'react';
import type { JobItem } from '@shared/contract';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../../lib/api';
import { FormDialog, FormError, Id, NoteField, SelectField, TextField, useToast } from '../../components/ui';

type Finding = 'made' | 'not_made';

export function SettleWriteDialog({ item, onClose }: { item: JobItem; onClose: () => void }) {
  const toast = useToast();
  const [finding, setFinding] = useState<Finding>('made');
  const [stripeId, setStripeId] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const settle = useMutationMethod('jobs.settleWrite', {
    onSuccess: (r) => {
      toast(r.state === 'succeeded' ? `“${item.label}”: done in Stripe.` : `“${item.label}”: not made.`);
      onClose();
    },
  });
  const server = fieldErrorsOf(settle.error);
  const apiError = apiErrorOf(settle.error);

  const submit = () => {
    const found: Record<string, string> = {};
    if (finding === 'made' && !stripeId.trim()) found.stripeId = 'Paste the id of the object you found.';
    if (note.trim().length < 3) found.note = 'Say what you found in Stripe.';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    settle.mutate({
      writeId: item.writeId!,
      stripeId: finding === 'made' ? stripeId.trim() : null,
      note: note.trim(),
    });
  };

  return (
    <FormDialog
      id="settle-write-form"
      title={`Settle “${item.label}”`}
      confirmLabel={finding === 'made' ? 'Check it in Stripe and settle' : 'Mark as not made'}
      danger={finding === 'not_made'}
      pending={settle.isPending}
      onClose={onClose}
      onSubmit={submit}
    >
      <p>
        Stripe may have made this. In the Stripe Dashboard, look for an object whose metadata has{' '}
        <code>lplate_request_id</code> = <Id value={item.writeId!} head={36} label="write id" />.
      </p>
      <SelectField
        label="What you found"
        value={finding}
        onChange={(e) => setFinding(e.target.value as Finding)}
        options={[
          { value: 'made', label: 'Stripe made it' },
          { value: 'not_made', label: 'Stripe did not make it' },
        ]}
        data-autofocus
      />
      {finding === 'made' ? (
        <TextField
          label="Its id in Stripe"
          name="stripeId"
          placeholder="tr_…"
          value={stripeId}
          onChange={(e) => setStripeId(e.target.value)}
          error={local.stripeId ?? server.stripeId}
          hint="The console reads it from Stripe and checks it carries this write's id."
        />
      ) : (
        <div className="notice notice--amber">
          The write is then recorded as failed and is never sent again; what waited for it is cancelled. Ask
          for it again from where it was made if it is still needed.
        </div>
      )}
      <NoteField
        label="What you found (kept in the audit log)"
        value={note}
        onChange={setNote}
        error={local.note ?? server.note}
      />
      <FormError message={apiError && Object.keys(server).length === 0 ? apiError.message : null} />
    </FormDialog>
  );
}
