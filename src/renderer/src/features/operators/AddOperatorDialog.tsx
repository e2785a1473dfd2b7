// Adding an operator with a starting password; the server's validation issues show against the fields they name.
import type { FormEvent } from 'react';
import type { Role } from '@shared/contract';
import { apiErrorOf, fieldErrorsOf, useMutationMethod } from '../../lib/api';
import { Dialog, FormError, SelectField, TextField, useToast } from '../../components/ui';
import { grantableRoles, ROLE_LABEL } from './roles';
import { ContactFields, NewPasswordFields, useNewOperatorForm } from './new-operator-form';

const EMPTY = { username: '', name: '', email: '', role: 'support' as Role, password: '', confirm: '' };

export function AddOperatorDialog({
  open,
  actorRole,
  onClose,
}: {
  open: boolean;
  actorRole: Role;
  onClose: () => void;
}) {
  const { form, set, mismatch, passwordsMatch, reset, clearMismatch } = useNewOperatorForm(EMPTY);
  const toast = useToast();
  const add = useMutationMethod('operators.add', {
    onSuccess: (op) => {
      toast(`Added ${op.name} (${ROLE_LABEL[op.role].toLowerCase()}).`);
      reset();
      onClose();
    },
  });
  const fieldErrors = fieldErrorsOf(add.error);
  const error = apiErrorOf(add.error);

  const close = () => {
    add.reset();
    clearMismatch();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!passwordsMatch()) return;
    add.mutate({
      username: form.username,
      name: form.name,
      email: form.email,
      role: form.role,
      password: form.password,
    });
  };

  return (
    <Dialog
      open={open}
      title="Add operator"
      onClose={close}
      description="They sign in with this username and starting password, and can change the password afterwards."
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            form="add-operator-form"
            className="button button--primary"
            disabled={add.isPending}
          >
            {add.isPending ? 'Adding…' : 'Add operator'}
          </button>
        </>
      }
    >
      <form id="add-operator-form" onSubmit={submit} noValidate>
        <div className="form-row">
          <TextField
            label="Username"
            name="username"
            autoComplete="off"
            value={form.username}
            onChange={set('username')}
            error={fieldErrors.username}
            data-autofocus
          />
          <SelectField
            label="Role"
            name="role"
            value={form.role}
            onChange={set('role')}
            error={fieldErrors.role}
            options={grantableRoles(actorRole).map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
          />
        </div>
        <ContactFields form={form} set={set} fieldErrors={fieldErrors} />
        <div className="form-row">
          <NewPasswordFields
            form={form}
            set={set}
            fieldErrors={fieldErrors}
            mismatch={mismatch}
            label="Starting password"
          />
        </div>
        <FormError message={error && Object.keys(fieldErrors).length === 0 ? error.message : null} />
      </form>
    </Dialog>
  );
}
