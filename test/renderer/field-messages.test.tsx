// The main process's validation messages reach the person under the field they are about (aria-invalid, and the
// message is the field's description), in the contract's own words; and a "cannot be undone" confirmation only ever
// opens on good input and never says `undefined` or `NaN`.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { RefundQuote } from '@shared/contract/refunds';
import { RequestRefundDialog } from '../../src/renderer/src/features/refunds/RequestRefundDialog';
import { contractFailure, FakeBridge, seedDemo } from './fake-bridge';
import { renderApp, renderWithApi } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const ZOD_ISMS = /expected|received|invalid input|too big|too small|undefined|NaN/i;

/** The field's control shows it is invalid and is described by exactly this message. */
function expectFieldMessage(control: HTMLElement, message: string) {
  expect(control.getAttribute('aria-invalid')).toBe('true');
  const describedBy = control.getAttribute('aria-describedby');
  expect(describedBy).toBeTruthy();
  expect(document.getElementById(describedBy!)?.textContent).toBe(message);
  expect(message).not.toMatch(ZOD_ISMS);
}

const PAYMENT_ID = '5f0c6d1e-8a4b-4c2d-9e3f-1a2b3c4d5e6f';
const quote: RefundQuote = {
  payment: {
    id: PAYMENT_ID,
    paymentIntentId: 'pi_3Field',
    status: 'succeeded',
    learner: { id: 'l1', name: 'Amira Khan', email: 'amira@example.com' },
    instructor: { id: 'i1', name: 'Jane Smith' },
    hours: 4,
    paidPence: 18_000,
    refundedPence: 0,
  },
  hours: {
    used: 0,
    usedPaidToInstructor: 0,
    refunded: 0,
    inFlight: 0,
    awaitingDecision: 0,
    refundableNow: 4,
    usedRefundable: 0,
  },
  options: [1, 2, 3, 4].map((hours) => ({
    hours,
    amountPence: hours * 4_500,
    usedHours: 0,
    clawbackPence: 0,
    instructorPaid: false,
  })),
  approvalLimitPence: 15_000,
  blocked: null,
};

describe('validation messages under their field', () => {
  it('refund request: the contract’s message about the note shows under the note', async () => {
    const fake = new FakeBridge({ signedInAs: 'sam' });
    fake.answer('refunds.quote', () => quote);
    renderWithApi(<RequestRefundDialog paymentId={PAYMENT_ID} onClose={() => undefined} />, fake);
    const dialog = await screen.findByRole('dialog', { name: 'Request a refund' });
    const note = await within(dialog).findByLabelText(/^Note/);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Request £180.00 refund' }));
    expectFieldMessage(note, 'Say why the learner gets money back.');
    expect(fake.calls.some((c) => c.method === 'refunds.request')).toBe(false);

    fireEvent.change(note, { target: { value: 'Lessons cancelled' } });
    const failure = contractFailure('refunds.request', {
      paymentId: PAYMENT_ID,
      hours: 0,
      reason: 'requested_by_customer',
      note: 'x'.repeat(501),
    });
    expect(failure.message).toBe('Refund at least 1 hour. (1 more field needs attention.)');
    fake.failNext('refunds.request', failure);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Request £180.00 refund' }));
    await within(dialog).findByText('Keep the note under 500 characters.');
    expectFieldMessage(within(dialog).getByLabelText('Hours to refund'), 'Refund at least 1 hour.');
    expectFieldMessage(note, 'Keep the note under 500 characters.');
    // Tied to the fields, so not repeated as a form-level message.
    expect(within(dialog).queryByText(/1 more field/)).toBeNull();
  });

  it('new code: the contract’s message about the expiry shows under the expiry', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'New code' }));
    const dialog = await screen.findByRole('dialog', { name: 'New code' });
    fireEvent.change(within(dialog).getByLabelText('Code'), { target: { value: 'SPRING-2027' } });
    fake.failNext(
      'codes.create',
      contractFailure('codes.create', {
        kind: 'discount',
        code: 'SPRING-2027',
        percentage: 10,
        maxUses: null,
        expiresOn: '2027-02-31',
      }),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create code' }));
    await within(dialog).findByText('That date is not a day that exists.');
    expectFieldMessage(within(dialog).getByLabelText('Expires after'), 'That date is not a day that exists.');
  });

  it('settings: the contract’s message about the value shows under the value, and the confirmation closes', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    const value = await screen.findByLabelText('New fee (%)');
    fireEvent.change(value, { target: { value: '19.5' } });
    fireEvent.change(screen.getByLabelText('Effective from'), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the platform fee' });
    fake.failNext(
      'settings.schedule',
      contractFailure('settings.schedule', {
        key: 'platform_fee_bps',
        value: 1_000_000,
        effectiveFrom: '2026-12-01',
      }),
    );
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Schedule change' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expectFieldMessage(
      screen.getByLabelText('New fee (%)'),
      'That value is outside the range this setting allows.',
    );
  });
});

describe('confirmations that cannot be undone', () => {
  it('settings: a cleared or past start date is refused under the field, and no confirmation opens', async () => {
    const fake = new FakeBridge({ signedInAs: 'ada' });
    renderApp(fake, '#/settings');
    fireEvent.change(await screen.findByLabelText('New fee (%)'), { target: { value: '19.5' } });
    const date = screen.getByLabelText('Effective from');
    fireEvent.change(date, { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expectFieldMessage(date, 'Choose the day the new value takes effect.');

    fireEvent.change(date, { target: { value: '2020-01-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(date.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^The start date cannot be in the past \(today is \w{3} \d+ \w{3} \d{4}\)\.$/,
    );

    fireEvent.change(screen.getByLabelText('New fee (%)'), { target: { value: '250' } });
    fireEvent.change(date, { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText(/^The platform fee must be between .+ and .+\.$/)).toBeTruthy();
    expect(fake.calls.some((c) => c.method === 'settings.schedule')).toBe(false);

    fireEvent.change(screen.getByLabelText('New fee (%)'), { target: { value: '19.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review change' }));
    const dialog = screen.getByRole('dialog', { name: 'Change the platform fee' });
    expect(dialog.textContent).toContain('Set the platform fee to 19.50% from Tue 1 Dec 2026');
    expect(dialog.textContent).not.toMatch(/undefined|NaN/);
  });

  it('operators: deactivating restates a real name and role, never undefined', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }), '#/operators');
    fireEvent.click(await screen.findByText('Sam Patel'));
    const drawer = await screen.findByRole('complementary', { name: /Sam Patel/ });
    fireEvent.click(within(drawer).getByRole('button', { name: 'Deactivate' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate operator' });
    expect(dialog.textContent).toContain('Sam Patel (support) will no longer be able to sign in');
    expect(dialog.textContent).not.toMatch(/undefined|NaN|null/);
  });
});
