// The sign-in screen: shows why the session ended (idle lock, expiry) and, on a demo workspace, the demo credentials.
import { useState, type FormEvent } from 'react';
import type { OperatorView, SessionStatus } from '@shared/contract/auth';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../lib/api';
import { FormError, TextField } from '../components/ui';
import { AuthCard } from './AuthCard';

export interface SignInProps {
  status: SessionStatus;
  reason: string | null;
  onSignedIn: (operator: OperatorView) => void;
}

export function SignIn({ status, reason, onSignedIn }: SignInProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutationMethod('auth.signIn', { onSuccess: (op) => onSignedIn(op) });
  const fieldErrors = fieldErrorsOf(signIn.error);
  const error = apiErrorOf(signIn.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password });
  };

  return (
    <AuthCard status={status} title="Sign in">
      {reason ? (
        <div className="notice notice--amber" role="status">
          {reason}
        </div>
      ) : null}
      <form onSubmit={submit} noValidate>
        <TextField
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={fieldErrors.username}
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldErrors.password}
        />
        <FormError message={error && error.code !== 'validation' ? error.message : null} />
        <button type="submit" className="button button--primary auth__submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {status.workspace.mode === 'demo' && status.demoCredentials.length > 0 ? (
        <section className="demo-credentials" aria-labelledby="demo-credentials-title">
          <h2 id="demo-credentials-title" className="demo-credentials__title">
            Demo operators
          </h2>
          <p className="muted">This is a demo workspace with simulated data. Sign in as any of these:</p>
          <table className="demo-credentials__table">
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Username</th>
                <th scope="col">Password</th>
                <th scope="col">
                  <span className="visually-hidden">Use</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {status.demoCredentials.map((c) => (
                <tr key={c.username}>
                  <td>{c.role}</td>
                  <td>
                    <code>{c.username}</code>
                  </td>
                  <td>
                    <code>{c.password}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Use ${c.username}`}
                      onClick={() => {
                        setUsername(c.username);
                        setPassword(c.password);
                      }}
                    >
                      Use
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </AuthCard>
  );
}
