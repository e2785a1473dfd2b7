// The fields and state every "new operator" form shares (first admin, Add operator): contact details and a
// password typed twice, checked to match before anything is sent.
import { useState, type ChangeEvent } from 'react';
import { TextField } from '../../components/ui';

export interface NewOperatorBase {
  username: string;
  name: string;
  email: string;
  password: string;
  confirm: string;
}

type Setter<F> = (key: keyof F) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;

export function useNewOperatorForm<F extends NewOperatorBase>(empty: F) {
  const [form, setForm] = useState(empty);
  const [mismatch, setMismatch] = useState(false);
  const set: Setter<F> = (key) => (e) => setForm((current) => ({ ...current, [key]: e.target.value }));
  /** True when the two passwords match; otherwise marks the confirmation field. */
  const passwordsMatch = () => {
    const matches = form.password === form.confirm;
    setMismatch(!matches);
    return matches;
  };
  const reset = () => {
    setForm(empty);
    setMismatch(false);
  };
  return { form, set, mismatch, passwordsMatch, reset, clearMismatch: () => setMismatch(false) };
}

interface FieldProps<F extends NewOperatorBase> {
  form: F;
  set: Setter<F>;
  fieldErrors: Record<string, string>;
}

export function ContactFields<F extends NewOperatorBase>({ form, set, fieldErrors }: FieldProps<F>) {
  return (
    <>
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
    </>
  );
}

export function NewPasswordFields<F extends NewOperatorBase>({
  form,
  set,
  fieldErrors,
  mismatch,
  label,
}: FieldProps<F> & { mismatch: boolean; label: string }) {
  return (
    <>
      <TextField
        label={label}
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
    </>
  );
}
