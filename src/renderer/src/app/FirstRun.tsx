// First run: a workspace with no operator asks for its first admin, who is then signed in.
import type { FormEvent } from 'react';
import type { OperatorView, SessionStatus } from '@shared/contract/auth';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../lib/api';
import { FormError, TextField } from '../components/ui';
import { AuthCard } from './AuthCard';
import {
  ContactFields,
  NewPasswordFields,
  useNewOperatorForm,
} from '../features/operators/new-operator-form';

export function FirstRun({
  status,
  onCreated,
}: {
  status: SessionStatus;
  onCreated: (operator: OperatorView) => void;
}) {
  const { form, set, mismatch, passwordsMatch } = useNewOperatorForm({
    username: '',
    name: '',
    email: '',
    password: '',
    confirm: '',
  });
  const create = useMutationMethod('auth.createFirstAdmin', { onSuccess: (op) => onCreated(op) });
  const fieldErrors = fieldErrorsOf(create.error);
  const error = apiErrorOf(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!passwordsMatch()) return;
    create.mutate({ username: form.username, name: form.name, email: form.email, password: form.password });
  };

  return (
    <AuthCard status={status} title="Create the first admin">
      <p className="muted">
        This workspace has no operators yet. The first account is an admin: it can add the other operators and
        change settings.
      </p>
      <form onSubmit={submit} noValidate>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          value={form.username}
          onChange={set('username')}
          error={fieldErrors.username}
          autoFocus
        />
        <ContactFields form={form} set={set} fieldErrors={fieldErrors} />
        <NewPasswordFields
          form={form}
          set={set}
          fieldErrors={fieldErrors}
          mismatch={mismatch}
          label="Password"
        />
        <FormError message={error && error.code !== 'validation' ? error.message : null} />
        <button type="submit" className="button button--primary auth__submit" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create admin and sign in'}
        </button>
      </form>
    </AuthCard>
  );
}
