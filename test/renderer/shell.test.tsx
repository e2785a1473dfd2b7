import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const nav = () => screen.getByRole('navigation', { name: 'Main' });
const linkNames = () =>
  within(nav())
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('the shell', () => {
  it('shows every area to an admin, with the operator and role at the bottom and the demo band on top', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(linkNames()).toEqual([
      'Overview',
      'Payments',
      'Payouts',
      'Refunds',
      'Codes',
      'Credits',
      'Instructors',
      'Unattributed',
      'Audit log',
      'Reconciliation',
      'Settings',
      'Operators',
    ]);
    expect(screen.getByTestId('operator-name').textContent).toBe('Ada Lovelace');
    expect(screen.getByTestId('operator-role').textContent).toBe('admin');
    expect(screen.getByRole('note', { name: 'DEMO DATA' })).toBeTruthy();
    expect(screen.getByRole('status', { name: 'Sync status' }).textContent).toContain('Stripe not connected');
  });

  it('hides Operators from support (per the contract) and refuses the page if the route is typed in', async () => {
    renderApp(new FakeBridge({ signedInAs: 'sam', mode: 'test' }), '#/operators');
    await screen.findByRole('navigation', { name: 'Main' });
    expect(linkNames()).not.toContain('Operators');
    expect(linkNames()).toContain('Audit log');
    expect(screen.getByText('Not available to your role')).toBeTruthy();
    expect(screen.getByRole('note', { name: 'TEST MODE' })).toBeTruthy();
  });

  it('shows no mode band in live mode', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada', mode: 'live' }));
    await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('opens the command palette with Ctrl+K and goes to the chosen page', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }));
    await screen.findByRole('navigation', { name: 'Main' });
    fireEvent.keyDown(document, { key: 'k', ctrlKey: true });
    const input = screen.getByRole('combobox', { name: 'Go to a page or find anything' });
    fireEvent.change(input, { target: { value: 'audit' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(window.location.hash).toBe('#/audit'));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeTruthy();
  });

  it('signs out back to the sign-in screen', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(fake.current).toBeNull();
  });
});
