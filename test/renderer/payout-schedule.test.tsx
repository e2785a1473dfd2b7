// Settings → Payout schedule: an admin sets the day, time, minimum and auto-execution limit, with errors shown against
// the field; other roles read the policy in words; the Payouts page says which schedule is in force.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const section = async () =>
  (await screen.findByRole('heading', { name: 'Payout schedule' })).closest('section')!;

describe('payout schedule settings', () => {
  it('shows support the policy in words, with nothing to change', async () => {
    renderApp(new FakeBridge({ signedInAs: 'sam' }), '#/settings');
    const s = await section();
    await waitFor(() =>
      expect(s.textContent).toContain(
        'Prepared every Friday at 10:00 UK time, then waits for finance to approve it.',
      ),
    );
    expect(within(s).queryByRole('button', { name: 'Save payout schedule' })).toBeNull();
  });

  it('lets an admin allow auto-execution under a limit, refusing an unreadable time and limit first', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    const s = await section();
    const form = await within(s).findByRole('form', { name: 'Change the payout schedule' });
    fireEvent.change(within(form).getByLabelText('Time (UK, 24-hour)'), { target: { value: '25:00' } });
    fireEvent.click(within(form).getByRole('checkbox', { name: /Execute the run without a person/ }));
    fireEvent.change(within(form).getByLabelText('Auto-execution limit (£)'), { target: { value: 'lots' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save payout schedule' }));
    expect(within(form).getByText(/Enter a time as HH:MM/)).toBeTruthy();
    expect(within(form).getByText(/Enter the largest total/)).toBeTruthy();
    expect(fake.calls.some((c) => c.method === 'payouts.setPolicy')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Day'), { target: { value: '4' } });
    fireEvent.change(within(form).getByLabelText('Time (UK, 24-hour)'), { target: { value: '09:30' } });
    fireEvent.change(within(form).getByLabelText('Auto-execution limit (£)'), { target: { value: '2,500' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save payout schedule' }));
    await waitFor(() =>
      expect(fake.calls.find((c) => c.method === 'payouts.setPolicy')?.input).toEqual({
        minimumPence: 100,
        scheduleWeekday: 4,
        scheduleTime: '09:30',
        autoPrepare: true,
        autoExecuteLimitPence: 250_000,
      }),
    );
    await waitFor(() =>
      expect(s.textContent).toContain(
        'Prepared every Thursday at 09:30 UK time; executed automatically when every check passes and the total is at most £2,500.00',
      ),
    );
  });

  it('shows the schedule in force on the Payouts page', async () => {
    renderApp(new FakeBridge({ signedInAs: 'sam' }), '#/payouts');
    const line = await screen.findByRole('region', { name: 'Payout schedule' });
    expect(line.textContent).toContain('Prepared every Friday at 10:00 UK time');
  });

  it('takes the Friday as a UK date on the Payouts page, refusing a day that is not a Friday', async () => {
    const fake = new FakeBridge({ signedInAs: 'sam' });
    renderApp(fake, '#/payouts');
    const field = await screen.findByLabelText('Friday');
    await waitFor(() => expect((field as HTMLInputElement).value).toBe('27/11/2026'));
    fireEvent.change(field, { target: { value: '03/12/2026' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(await screen.findByText('03/12/2026 is not a Friday.')).toBeTruthy();
    fireEvent.change(field, { target: { value: '04/12/2026' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() =>
      expect(
        fake.calls.some(
          (c) => c.method === 'payouts.preview' && (c.input as { date?: string }).date === '2026-12-04',
        ),
      ).toBe(true),
    );
  });
});
