import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('sign-in', () => {
  it('shows the server error for a wrong password and stays on the sign-in screen', async () => {
    renderApp(new FakeBridge());
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'not the password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows a validation issue against the field it names', async () => {
    renderApp(new FakeBridge());
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: '!' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const username = screen.getByLabelText('Username');
    await screen.findByText(/^A username is 2 to 32 lower-case letters/);
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(username.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /^A username is 2 to 32/,
    );
  });

  it('signs in and lands in the shell', async () => {
    renderApp(new FakeBridge());
    fireEvent.change(await screen.findByLabelText('Username'), { target: { value: 'max' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'correct horse battery' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByTestId('operator-name')).textContent).toBe('Max Manager');
  });

  it('lists the demo credentials on a demo workspace and fills the form from them', async () => {
    renderApp(
      new FakeBridge({
        demoCredentials: [{ username: 'fin', password: 'correct horse battery', role: 'finance' }],
      }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Use fin' }));
    expect((screen.getByLabelText('Username') as HTMLInputElement).value).toBe('fin');
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('correct horse battery');
  });

  it('returns to sign-in with the reason when main locks the session', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake);
    await screen.findByTestId('operator-name');
    fake.current = null;
    act(() => fake.emit('session', { state: 'locked', reason: 'Locked after 15 minutes idle' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('Locked after 15 minutes idle')).toBeTruthy();
  });

  it('returns to sign-in when a signed-in call answers unauthenticated', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake);
    await screen.findByTestId('operator-name');
    fake.current = null; // the server forgot the session (idle lock, restart)
    act(() => {
      window.location.hash = '#/audit';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByText('Signed out. Sign in again to continue.').className).toContain('notice');
  });
});

describe('first run', () => {
  it('asks for the first admin, checks the confirmation, then signs them in', async () => {
    const fake = new FakeBridge({ empty: true });
    renderApp(fake);
    expect(await screen.findByRole('heading', { name: 'Create the first admin' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'ada' } });
    fireEvent.change(screen.getByLabelText('Full name'), { target: { value: 'Ada Lovelace' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@lplate.example' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a long enough secret' } });
    fireEvent.change(screen.getByLabelText('Confirm password'), { target: { value: 'a different secret!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    expect(await screen.findByText('The two passwords do not match')).toBeTruthy();
    expect(fake.operators).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Confirm password'), {
      target: { value: 'a long enough secret' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Create admin and sign in' }));
    expect((await screen.findByTestId('operator-role')).textContent).toBe('admin');
    expect(fake.operators[0]!.username).toBe('ada');
  });
});
