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
    fireEvent.change(screen.getByLabelText('Effective from'), { target: { value: '01/12/2026' } });
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

  it('shows the session lifetime and lets an admin schedule it in whole hours', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    const card = (await screen.findByRole('heading', { name: 'Session lifetime' })).closest('section')!;
    expect(card.textContent).toContain('12 hours');
    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'session_lifetime_hours' } });
    fireEvent.change(screen.getByLabelText('New lifetime (hours)'), { target: { value: '8.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    expect(screen.getByText(/Enter whole hours/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('New lifetime (hours)'), { target: { value: '8' } });
    fireEvent.change(screen.getByLabelText('Effective from'), { target: { value: '01/12/2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the session lifetime' });
    expect(dialog.textContent).toContain('8 hours from Tue 1 Dec 2026');
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule change' }));
    await waitFor(() =>
      expect(fake.history.some((h) => h.key === 'session_lifetime_hours' && h.value === 8)).toBe(true),
    );
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
