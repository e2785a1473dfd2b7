// Settings → Stripe: an admin connects a key (checked here, then by "Stripe"), sees what it cannot read or write and the
// backfill; replaces or disconnects only after confirming; others see the status read-only; the key never stays on screen.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, jobProgress } from './fake-bridge';
import { connectedSync } from './fake-marketplace';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const KEY = 'rk_test_51QRealRestricted9876';

function workspace(who: string, connected = false) {
  const fake = new FakeBridge({ signedInAs: who, mode: connected ? 'test' : 'none' });
  fake.sync = connected
    ? connectedSync(fake.now, { mode: 'test', keyLast4: '4242' })
    : connectedSync(fake.now, {
        connected: false,
        mode: null,
        account: null,
        keyLast4: null,
        lastSyncAt: null,
      });
  return fake;
}
const section = () => screen.getByRole('region', { name: 'Stripe' });
const keyField = () => screen.getByLabelText('Secret or restricted key');
const connects = (fake: FakeBridge) => fake.calls.filter((c) => c.method === 'stripe.connect');

describe('Settings → Stripe', () => {
  it('refuses a publishable or partial key before asking main, on the field', async () => {
    const fake = workspace('ada');
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('Secret or restricted key'), {
      target: { value: 'pk_test_51QPublishable' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check and connect' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^This is a publishable key/);
    expect(keyField().getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(keyField(), { target: { value: 'sk_test_12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and connect' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^Paste a Stripe secret key/);
    expect(connects(fake)).toEqual([]);
  });

  it('connects a restricted key: checking state, then mode, account, country, last four, what it lacks and the backfill', async () => {
    const fake = workspace('ada');
    renderApp(fake, '#/settings');
    const release = fake.hold('stripe.connect');
    fireEvent.change(await screen.findByLabelText('Secret or restricted key'), {
      target: { value: ` ${KEY} ` },
    });
    fireEvent.submit(keyField().closest('form')!);
    expect(await screen.findByRole('button', { name: 'Checking the key with Stripe…' })).toBeTruthy();
    expect(keyField().hasAttribute('disabled')).toBe(true);
    act(() => release());
    await waitFor(() => expect(within(section()).getByText('Test mode')).toBeTruthy());
    expect(connects(fake).map((c) => c.input)).toEqual([{ secretKey: KEY }]);
    const text = section().textContent!;
    expect(text).toContain('LPlate Ltd');
    expect(text).toContain('· GB');
    expect(text).toContain('…9876');
    expect(text).not.toContain(KEY);
    expect(within(section()).getByRole('region', { name: 'Unreadable resources' }).textContent).toContain(
      'disputes — Chargebacks',
    );
    expect(
      within(section()).getByRole('region', { name: 'Writes the key may not make' }).textContent,
    ).toContain('Add “Core → Refunds: Write”');
    expect(within(section()).getByRole('region', { name: 'Backfill progress' }).textContent).toContain(
      'Backfilling from Stripe',
    );
    expect(screen.getByText('Stripe connected: the backfill has started.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Stripe' }));
    expect(screen.queryByDisplayValue(KEY)).toBeNull();

    const job = fake.jobs[0]!;
    act(() =>
      fake.emit('progress', {
        ...job,
        parts: [{ name: 'payment_intents', done: 400, total: 1000 }],
        done: 400,
        total: 1000,
      }),
    );
    await waitFor(() =>
      expect(
        within(section())
          .getByRole('progressbar', { name: 'backfill progress' })
          .getAttribute('aria-valuenow'),
      ).toBe('400'),
    );
    fake.sync = {
      ...fake.sync!,
      job: jobProgress({ ...job, state: 'done', message: 'Up to date: 1,000 objects listed.' }),
    };
    act(() => fake.emit('progress', { ...fake.sync!.job!, state: 'done' }));
    expect(await within(section()).findByText('Backfill done')).toBeTruthy();
    expect(within(section()).getByRole('link', { name: 'Open Payments' }).getAttribute('href')).toBe(
      '#/payments',
    );
  });

  it('shows a key Stripe rejects on the field, and a check that could not finish above the form; nothing connects', async () => {
    const fake = workspace('ada');
    fake.stripeRefusals.set('sk_live_51QRolledKey0000', {
      code: 'validation',
      message: 'secretKey: Stripe rejected this key.',
      details: {
        issues: [
          { path: ['secretKey'], message: 'Stripe rejected this key. Check that it was copied whole.' },
        ],
      },
    });
    fake.stripeRefusals.set('sk_live_51QNoNetwork1111', {
      code: 'stripe',
      message:
        'Stripe could not be reached to check the key. Check this computer’s connection; nothing was changed.',
    });
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('Secret or restricted key'), {
      target: { value: 'sk_live_51QRolledKey0000' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check and connect' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Stripe rejected this key. Check that it was copied whole.',
    );
    expect(keyField().getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(keyField(), { target: { value: 'sk_live_51QNoNetwork1111' } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and connect' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(/^Stripe could not be reached/),
    );
    expect(keyField().getAttribute('aria-invalid')).toBeNull();
    expect(within(section()).getByText('Not connected')).toBeTruthy();
  });

  it('replaces the key from a dialog that Esc closes, and disconnects only after confirming', async () => {
    const fake = workspace('ada', true);
    renderApp(fake, '#/settings');
    fireEvent.click(await screen.findByRole('button', { name: 'Replace key' }));
    let dialog = screen.getByRole('dialog', { name: 'Replace the Stripe key' });
    expect(dialog.textContent).toContain('keeps using …4242');
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Secret or restricted key'));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Replace key' }));
    dialog = screen.getByRole('dialog', { name: 'Replace the Stripe key' });
    fireEvent.change(within(dialog).getByLabelText('Secret or restricted key'), {
      target: { value: 'sk_test_51QNewSecretKey5555' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check and replace' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(section().textContent).toContain('…5555'));
    expect(section().textContent).toContain('This key can read and write everything the console uses.');

    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    dialog = screen.getByRole('dialog', { name: 'Disconnect Stripe' });
    expect(dialog.textContent).toContain('delete the key …5555');
    expect(dialog.textContent).toContain('The data already synced stays');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.some((c) => c.method === 'stripe.disconnect')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Disconnect' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check and connect' })).toBeTruthy());
    expect(fake.calls.filter((c) => c.method === 'stripe.disconnect')).toHaveLength(1);
  });

  it('shows finance the connection read-only, and says an admin connects it when it is not', async () => {
    renderApp(workspace('fin', true), '#/settings');
    await waitFor(() => expect(section().textContent).toContain('…4242'));
    expect(section().textContent).toContain('Only an admin can replace the key or disconnect Stripe.');
    expect(within(section()).queryByRole('button', { name: 'Replace key' })).toBeNull();
    expect(within(section()).queryByRole('button', { name: 'Disconnect' })).toBeNull();
    cleanup();
    renderApp(workspace('sam'), '#/settings');
    await waitFor(() => expect(section().textContent).toContain('An admin connects it here'));
    expect(screen.queryByLabelText('Secret or restricted key')).toBeNull();
  });

  it('offers no key actions in the demo workspace, and says how to connect a real account', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    fake.sync = connectedSync(fake.now);
    renderApp(fake, '#/settings');
    await waitFor(() => expect(section().textContent).toContain('This is the demo workspace'));
    expect(within(section()).queryByRole('button', { name: 'Disconnect' })).toBeNull();
    expect(section().textContent).not.toContain('…x4Qa');
  });

  it('shows the TEST MODE band once connected, and a failed refresh of the session keeps the console on screen', async () => {
    const fake = workspace('ada');
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('Secret or restricted key'), { target: { value: KEY } });
    fireEvent.click(screen.getByRole('button', { name: 'Check and connect' }));
    expect(await screen.findByRole('note', { name: 'TEST MODE' })).toBeTruthy();
    const statusCalls = () => fake.calls.filter((c) => c.method === 'auth.status').length;
    const before = statusCalls();
    fake.failNext('auth.status', { code: 'internal', message: 'The host did not answer.' });
    act(() => fake.emit('changed', { tables: ['sync_state'] }));
    await waitFor(() => expect(statusCalls()).toBeGreaterThan(before));
    await act(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.queryByText('The console could not reach its host')).toBeNull();
  });
});
