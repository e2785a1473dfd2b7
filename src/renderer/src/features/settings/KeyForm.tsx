// The form an admin pastes a Stripe key into: checked here first, then by Stripe through main; the key is held only
// until the answer comes back and is never shown again.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { StripeConnected } from '@shared/contract/sync';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../../lib/api';
import { FormError, TextField } from '../../components/ui';
import { keyProblem } from './key-text';

export function KeyForm({
  submitLabel,
  onConnected,
  extraActions,
}: {
  submitLabel: string;
  onConnected: (status: StripeConnected) => void;
  extraActions?: ReactNode;
}) {
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const connect = useMutationMethod('stripe.connect', {
    onSuccess: (status) => {
      setKey('');
      onConnected(status);
    },
  });
  const fieldErrors = fieldErrorsOf(connect.error);
  const error = apiErrorOf(connect.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.reset();
    const found = keyProblem(key);
    setProblem(found);
    if (!found) connect.mutate({ secretKey: key.trim() });
  };

  return (
    <form className="key-form" onSubmit={submit} noValidate aria-busy={connect.isPending}>
      <TextField
        label="Secret or restricted key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        placeholder="rk_live_… or sk_live_…"
        value={key}
        disabled={connect.isPending}
        onChange={(e) => {
          setKey(e.target.value);
          setProblem(null);
        }}
        error={problem ?? fieldErrors.secretKey}
        hint={
          <>
            From the Stripe Dashboard, Developers → API keys. A restricted key with Read on what the console
            syncs is safest; whatever it cannot read or write is listed after the check.
          </>
        }
      />
      <div className="key-form__actions">
        <button type="submit" className="button button--primary" disabled={connect.isPending}>
          {connect.isPending ? 'Checking the key with Stripe…' : submitLabel}
        </button>
        {extraActions}
      </div>
      {error && !fieldErrors.secretKey ? <FormError message={error.message} /> : null}
    </form>
  );
}
