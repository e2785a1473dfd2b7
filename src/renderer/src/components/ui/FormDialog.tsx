// A dialog around one form: its fields, a Cancel button and a confirm button that submits it (Enter does too); the
// confirm button says what it does, turns red for what cannot be undone, and waits while the call is on its way.
import type { FormEvent, ReactNode } from 'react';
import { Dialog, DialogActions } from './Dialog';

export function FormDialog({
  id,
  title,
  description,
  confirmLabel,
  danger = false,
  pending,
  onSubmit,
  onClose,
  children,
}: {
  id: string;
  title: string;
  /** What the form will do, under the title. */
  description?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <Dialog
      open
      title={title}
      description={description}
      onClose={onClose}
      footer={
        <DialogActions
          confirmLabel={confirmLabel}
          danger={danger}
          pending={pending}
          onCancel={onClose}
          confirm={{ type: 'submit', form: id }}
        />
      }
    >
      <form id={id} onSubmit={submit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}
