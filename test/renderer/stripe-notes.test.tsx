// Pages that need Stripe say why they are empty in the same terms as the sync status: not connected (an admin connects
// it in Settings → Stripe), the backfill running, or synced with nothing yet; unbuilt pages say they are not built.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { FakeBridge, jobProgress } from './fake-bridge';
import { connectedSync } from './fake-marketplace';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const grid = (name: string) => screen.findByRole('grid', { name });

describe('empty pages and the sync status agree', () => {
  it('Payments: not connected, then the backfill running, then connected with no payments', async () => {
    const fake = new FakeBridge({ signedInAs: 'fin', mode: 'none' });
    fake.sync = connectedSync(fake.now, { connected: false, mode: null, account: null, keyLast4: null });
    renderApp(fake, '#/payments');
    await waitFor(async () =>
      expect((await grid('Payments')).textContent).toContain(
        'Stripe is not connected yet: payments appear here once an admin connects it under Settings → Stripe',
      ),
    );
    cleanup();
    fake.sync = connectedSync(fake.now, {
      mode: 'test',
      job: jobProgress({ jobId: 'b1', kind: 'backfill', state: 'running' }),
    });
    renderApp(fake, '#/instructors');
    await waitFor(async () =>
      expect((await grid('Instructors')).textContent).toContain(
        'The backfill from Stripe is running (progress at the top right): instructors appear as it reads them.',
      ),
    );
    cleanup();
    fake.sync = connectedSync(fake.now, { mode: 'test' });
    renderApp(fake, '#/payments');
    await waitFor(async () =>
      expect((await grid('Payments')).textContent).toContain(
        'Stripe is connected and synced, and has no payments yet.',
      ),
    );
  });

  it('Overview offers an admin the way to Settings → Stripe, and tells others who connects it', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada', mode: 'none' });
    fake.sync = connectedSync(fake.now, { connected: false, mode: null, account: null, keyLast4: null });
    renderApp(fake, '#/overview');
    const link = await screen.findByRole('link', { name: 'Connect Stripe in Settings' });
    expect(link.getAttribute('href')).toBe('#/settings');
    cleanup();
    const finance = new FakeBridge({ signedInAs: 'fin', mode: 'none' });
    finance.sync = fake.sync;
    renderApp(finance, '#/overview');
    expect(await screen.findByText(/an admin connects it under Settings → Stripe/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Connect Stripe in Settings' })).toBeNull();
  });
});
