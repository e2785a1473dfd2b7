// First run: a workspace with no operator asks for its first admin, who is then signed in.
import { useState, type FormEvent } from 'react';
import type { OperatorView, SessionStatus } from '@shared/contract/auth';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../lib/api';
import { FormError, TextField } from '../components/ui';
import { ModeBand } from './ModeBand';

export function FirstRun({
  status,
  onCreated,
}: {
  status: SessionStatus;
  onCreated: (operator: OperatorView) => void;
}) {
  const [form, setForm] = useState({ username: '', name: '', email: '', password: '', confirm: '' });
  const [mismatch, setMismatch] = useState(false);
  const create = useMutationMethod('auth.createFirstAdmin', { onSuccess: (op) => onCreated(op) });
  const fieldErrors = fieldErrorsOf(create.error);
  const error = apiErrorOf(create.error);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.password !== form.confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    create.mutate({ username: form.username, name: form.name, email: form.email, password: form.password });
  };

  return (
    <div className="auth">
      <ModeBand mode={status.workspace.mode} />
      <main className="auth__main">
        <div className="auth__card">
          <div className="auth__brand">
            <span className="brand-mark" aria-hidden="true">
              L
            </span>
            <div>
              <div className="auth__product">LPlate back office</div>
              <div className="muted">{status.workspace.name}</div>
            </div>
          </div>
          <h1 className="auth__title">Create the first admin</h1>
          <p className="muted">
            This workspace has no operators yet. The first account is an admin: it can add the other operators
            and change settings.
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
            <TextField
              label="Full name"
              name="name"
              autoComplete="name"
              value={form.name}
              onChange={set('name')}
              error={fieldErrors.name}
            />
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="email"
              value={form.email}
              onChange={set('email')}
              error={fieldErrors.email}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="new-password"
              value={form.password}
              onChange={set('password')}
              error={fieldErrors.password}
              hint="At least 10 characters."
            />
            <TextField
              label="Confirm password"
              name="confirm"
              type="password"
              autoComplete="new-password"
              value={form.confirm}
              onChange={set('confirm')}
              error={mismatch ? 'the two passwords do not match' : undefined}
            />
            <FormError message={error && error.code !== 'validation' ? error.message : null} />
            <button type="submit" className="button button--primary auth__submit" disabled={create.isPending}>
              {create.isPending ? 'Creating…' : 'Create admin and sign in'}
            </button>
          </form>
        </div>
      </main>
    </div>
  );
}
