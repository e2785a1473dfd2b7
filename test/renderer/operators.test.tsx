import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

async function openAddDialog() {
  fireEvent.click(await screen.findByRole('button', { name: 'Add operator' }));
  return screen.getByRole('dialog', { name: 'Add operator' });
}

function fill(dialog: HTMLElement, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values))
    fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
}

/** Opens the add dialog, fills in Lee Chen (finance) and submits. */
async function addLeeAsFinance() {
  const dialog = await openAddDialog();
  fill(dialog, {
    Username: 'lee',
    'Full name': 'Lee Chen',
    Email: 'lee@lplate.example',
    Role: 'finance',
    'Starting password': 'long enough pass',
    'Confirm password': 'long enough pass',
  });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Add operator' }));
}

describe('operators', () => {
  it('lists operators with role and status', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }), '#/operators');
    const grid = await screen.findByRole('grid', { name: 'Operators' });
    await within(grid).findByText('Sam Patel');
    const row = within(grid).getByText('Sam Patel').closest('tr')!;
    expect(row.textContent).toContain('Support');
    expect(row.textContent).toContain('Active');
    expect(row.textContent).toContain('Never');
  });

  it('shows the server validation error against the field it names', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/operators');
    const dialog = await openAddDialog();
    fill(dialog, {
      Username: 'sam',
      'Full name': 'Sam Again',
      Email: 'sam2@lplate.example',
      'Starting password': 'long enough pass',
      'Confirm password': 'long enough pass',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add operator' }));
    const username = within(dialog).getByLabelText('Username');
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    expect(within(dialog).getByText('Is already taken')).toBeTruthy();
    expect(within(dialog).getByLabelText('Email').getAttribute('aria-invalid')).toBeNull();
    expect(fake.operators.filter((o) => o.username === 'sam')).toHaveLength(1);
  });

  it('shows the contract schema issues from the server for malformed input', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }), '#/operators');
    const dialog = await openAddDialog();
    fill(dialog, {
      Username: 'new.person',
      'Full name': 'New Person',
      Email: 'not-an-email',
      'Starting password': 'short',
      'Confirm password': 'short',
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add operator' }));
    const email = within(dialog).getByLabelText('Email');
    expect(await within(dialog).findByText('Enter an email address, like name@example.com.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Enter an email address, like name@example.com.',
    );
    expect(within(dialog).getByText('A password needs at least 10 characters.')).toBeTruthy();
  });

  it('adds an operator, closes the dialog and shows them in the list', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/operators');
    await addLeeAsFinance();
    expect(await screen.findByText('Lee Chen')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.operators.find((o) => o.username === 'lee')!.role).toBe('finance');
  });

  it("drops the last operator's toasts on sign-out", async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }), '#/operators');
    await addLeeAsFinance();
    expect(await screen.findByText(/Added Lee Chen/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByText(/Added Lee Chen/)).toBeNull();
  });

  it('offers the admin role only to an admin', async () => {
    renderApp(new FakeBridge({ signedInAs: 'max' }), '#/operators');
    const dialog = await openAddDialog();
    const options = [...(within(dialog).getByLabelText('Role') as HTMLSelectElement).options].map(
      (o) => o.value,
    );
    expect(options).toEqual(['support', 'finance', 'manager']);
    cleanup();
    renderApp(new FakeBridge({ signedInAs: 'ada' }), '#/operators');
    const adminDialog = await openAddDialog();
    expect(
      [...(within(adminDialog).getByLabelText('Role') as HTMLSelectElement).options].map((o) => o.value),
    ).toContain('admin');
  });

  it('deactivates an operator only after confirmation', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/operators');
    fireEvent.click(await screen.findByText('Sam Patel'));
    const drawer = await screen.findByRole('complementary', { name: 'Sam Patel' });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Deactivate' }));
    const confirm = screen.getByRole('dialog', { name: 'Deactivate operator' });
    expect(confirm.textContent).toContain('will no longer be able to sign in');
    expect(fake.operators.find((o) => o.username === 'sam')!.isActive).toBe(true);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(fake.operators.find((o) => o.username === 'sam')!.isActive).toBe(false));
    await waitFor(() =>
      expect(within(screen.getByRole('grid')).getByText('Sam Patel').closest('tr')!.textContent).toContain(
        'Deactivated',
      ),
    );
  });

  it('shows a refusal from the server inside the confirmation', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }), '#/operators');
    fireEvent.click(
      await within(await screen.findByRole('grid', { name: 'Operators' })).findByText('Ada Lovelace'),
    );
    const drawer = await screen.findByRole('complementary', { name: 'Ada Lovelace' });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Deactivate' }));
    const confirm = screen.getByRole('dialog', { name: 'Deactivate operator' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Deactivate' }));
    expect((await within(confirm).findByRole('alert')).textContent).toBe('You cannot deactivate yourself.');
  });

  it('changes a role after confirmation', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/operators');
    fireEvent.click(await screen.findByText('Sam Patel'));
    const drawer = await screen.findByRole('complementary', { name: 'Sam Patel' });
    fireEvent.change(within(drawer).getByLabelText('New role'), { target: { value: 'finance' } });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Change role' }));
    const confirm = screen.getByRole('dialog', { name: 'Change role' });
    expect(confirm.textContent).toContain('from support to finance');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Change role' }));
    await waitFor(() => expect(fake.operators.find((o) => o.username === 'sam')!.role).toBe('finance'));
  });
});
