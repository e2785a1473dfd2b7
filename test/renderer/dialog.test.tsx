import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ConfirmDialog } from '../../src/renderer/src/components/ui';

afterEach(cleanup);

describe('ConfirmDialog', () => {
  it('restates the effect and will not confirm an irreversible action until it is acknowledged', () => {
    const onConfirm = vi.fn();
    render(
      <ConfirmDialog
        open
        title="Change the platform fee"
        effect="Set the platform fee to 19.00% from Tue 1 Dec 2026."
        confirmLabel="Schedule change"
        irreversible
        onConfirm={onConfirm}
        onCancel={() => undefined}
      />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Change the platform fee' });
    expect(dialog.textContent).toContain('19.00% from Tue 1 Dec 2026');
    const confirm = screen.getByRole('button', { name: 'Schedule change' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(confirm);
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('checkbox', { name: 'I understand this cannot be undone' }));
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('cancels with Escape and shows the server error inside the dialog', () => {
    const onCancel = vi.fn();
    render(
      <ConfirmDialog
        open
        title="Deactivate operator"
        effect="Sam can no longer sign in."
        confirmLabel="Deactivate"
        tone="danger"
        error="You cannot deactivate yourself."
        onConfirm={() => undefined}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('You cannot deactivate yourself.');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
  });

  it('cancels with Escape even when focus has left the dialog (its button turned disabled while working)', () => {
    const onCancel = vi.fn();
    render(
      <ConfirmDialog
        open
        title="Deactivate WELCOME10?"
        effect="Learners cannot use it at checkout."
        confirmLabel="Deactivate code"
        pending
        onConfirm={() => undefined}
        onCancel={onCancel}
      />,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});
