import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('settings', () => {
  it('shows the fee as a percentage and the limit as money, read-only for support', async () => {
    renderApp(new FakeBridge({ signedInAs: 'sam' }), '#/settings');
    expect((await screen.findAllByText('18.00%')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('£150.00').length).toBeGreaterThan(0);
    expect(screen.queryByRole('heading', { name: 'Schedule a new value' })).toBeNull();
  });

  it('lets an admin schedule a new fee from a date, after an explicit confirmation', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('New fee (%)'), { target: { value: '19.5' } });
    fireEvent.change(screen.getByLabelText('Effective from'), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the platform fee' });
    expect(dialog.textContent).toContain('19.50% from Tue 1 Dec 2026');
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule change' }));
    await waitFor(() =>
      expect(
        fake.history.some(
          (h) => h.key === 'platform_fee_bps' && h.value === 1950 && h.effectiveFrom === '2026-12-01',
        ),
      ).toBe(true),
    );
    expect(await screen.findByText('19.50%')).toBeTruthy();
  });

  it('refuses unreadable values before asking the server', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('New fee (%)'), { target: { value: '18.555' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    expect(screen.getByText(/Enter a percentage/)).toBeTruthy();
    expect(fake.calls.some((c) => c.method === 'settings.schedule')).toBe(false);
  });
});
