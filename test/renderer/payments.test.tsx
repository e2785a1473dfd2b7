import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ParsedInputOf } from '../../src/shared/contract';
import { FakeBridge, seedDemo } from './fake-bridge';
import { listPayments } from './fake-marketplace';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const fakeWithPayments = () => seedDemo(new FakeBridge({ signedInAs: 'fin' }));
const lastList = (fake: FakeBridge) => fake.calls.filter((c) => c.method === 'payments.list').at(-1)!.input;
const grid = () => screen.getByRole('grid', { name: 'Payments' });

describe('payments page', () => {
  it('shows the first page newest first with the split right-aligned as money', async () => {
    const fake = fakeWithPayments();
    renderApp(fake, '#/payments');
    await waitFor(() => expect(within(grid()).getAllByRole('row').length).toBe(51));
    expect(screen.getByText(`1–50 of ${fake.payments.length}`)).toBeTruthy();
    expect(lastList(fake)).toMatchObject({
      page: 1,
      pageSize: 50,
      sort: { column: 'created_at', direction: 'desc' },
    });
    const newest = [...fake.payments].sort((a, b) => b.payment.createdAt - a.payment.createdAt)[0]!.payment;
    const firstRow = within(grid()).getAllByRole('row')[1]!;
    expect(firstRow.textContent).toContain(newest.learner.name);
    const money = firstRow.querySelectorAll('td.cell--right .money');
    expect(money.length).toBeGreaterThanOrEqual(3);
    expect(firstRow.textContent).toMatch(/£\d+\.\d{2}/);
  });

  it('pages and sorts on the server and keeps both in the route', async () => {
    const fake = fakeWithPayments();
    renderApp(fake, '#/payments');
    await screen.findByText(`1–50 of ${fake.payments.length}`);
    fireEvent.click(screen.getByRole('button', { name: 'Page 2' }));
    await waitFor(() => expect(window.location.hash).toContain('page=2'));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: 2 }));
    fireEvent.click(within(grid()).getByRole('button', { name: /Total/ }));
    await waitFor(() => expect(window.location.hash).toContain('sort=total.desc'));
    expect(window.location.hash).not.toContain('page=2');
    await waitFor(() =>
      expect(lastList(fake)).toMatchObject({ page: 1, sort: { column: 'total', direction: 'desc' } }),
    );
    const totals = [...fake.payments].map((p) => p.payment.totalPence).sort((a, b) => b - a);
    await waitFor(() =>
      expect(within(grid()).getAllByRole('row')[1]!.textContent).toContain(
        `£${Math.floor(totals[0]! / 100).toLocaleString('en-GB')}.${String(totals[0]! % 100).padStart(2, '0')}`,
      ),
    );
  });

  it('asks for the next and previous pages by the rows on screen, and for any other page by its number', async () => {
    const fake = fakeWithPayments();
    // Three copies of the demo's payments: four pages.
    const demo = [...fake.payments];
    for (const copy of [1, 2])
      fake.payments.push(
        ...demo.map((d) => ({ ...d, payment: { ...d.payment, id: `${copy}${d.payment.id.slice(1)}` } })),
      );
    expect(fake.payments.length).toBeGreaterThan(150);
    renderApp(fake, '#/payments?sort=total.desc');
    await screen.findByText(`1–50 of ${fake.payments.length}`);
    // The ids of the page the table last asked for, as the fake lists it.
    const shownIds = () =>
      listPayments(fake.payments, lastList(fake) as ParsedInputOf<'payments.list'>).rows.map((r) => r.id);
    const page1 = shownIds();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: 2, cursor: { after: page1.at(-1) } }));
    await screen.findByText(`51–100 of ${fake.payments.length}`);
    const page2 = shownIds();
    fireEvent.click(screen.getByRole('button', { name: 'Page 3' }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: 3, cursor: { after: page2.at(-1) } }));
    await screen.findByText(`101–150 of ${fake.payments.length}`);
    const page3 = shownIds();
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: 2, cursor: { before: page3[0] } }));
    await screen.findByText(`51–100 of ${fake.payments.length}`);
    // A jump to a page that is no neighbour asks by number (pages already fetched come from the cache, unasked).
    const last = Math.ceil(fake.payments.length / 50);
    expect(last).toBeGreaterThan(3);
    fireEvent.click(screen.getByRole('button', { name: `Page ${last}` }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: last }));
    expect(lastList(fake)).not.toHaveProperty('cursor');
    await screen.findByText(new RegExp(`^${(last - 1) * 50 + 1}–${fake.payments.length} of`));
    // Another sort starts again by number.
    fireEvent.click(within(grid()).getByRole('button', { name: /Created/ }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: 1, sort: { column: 'created_at' } }));
    expect(lastList(fake)).not.toHaveProperty('cursor');
  });

  it('pages to the exact count of the totals line where the list stopped counting', async () => {
    const fake = fakeWithPayments();
    fake.paymentsCountStep = 20;
    renderApp(fake, '#/payments');
    const total = fake.payments.length;
    // The list alone would say "1–50 of 60+".
    expect(total).toBeGreaterThan(60);
    await screen.findByText(`1–50 of ${total}`);
    fireEvent.click(screen.getByRole('button', { name: `Page ${Math.ceil(total / 50)}` }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: Math.ceil(total / 50) }));
  });

  it('keeps "N+" past 100,000 payments, where a jump to the last page would walk them all', async () => {
    const fake = fakeWithPayments();
    fake.paymentsCountStep = 20;
    fake.paymentsTotalCount = 100_001;
    renderApp(fake, '#/payments');
    const line = await screen.findByTestId('list-totals');
    await waitFor(() => expect(line.textContent).toContain('100,001 payments'));
    await screen.findByText('1–50 of 60+');
    expect(screen.queryByRole('button', { name: 'Page 2001' })).toBeNull();
  });

  it('shows a total no one counted as "N+" (a broad search) and lets the pager go on past it', async () => {
    const fake = fakeWithPayments();
    fake.paymentsCountStep = 50;
    fake.broadSearchCount = 2_500;
    renderApp(fake, '#/payments?q=e');
    await screen.findByText('1–50 of 50+');
    expect(screen.queryByRole('button', { name: 'Page 2' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ page: 2 }));
    const total = fake.payments.length;
    await screen.findByText(total > 100 ? '51–100 of 100+' : `51–${total} of ${total}`);
  });

  it('says a broad search matches at least N payments and shows no sums for it', async () => {
    const fake = fakeWithPayments();
    fake.broadSearchCount = 2_500;
    renderApp(fake, '#/payments?q=a');
    const line = await screen.findByTestId('list-totals');
    await waitFor(() => expect(line.textContent).toContain('At least 2,500 payments'));
    expect(line.textContent).toContain('too many to add up here');
    expect(line.textContent).not.toContain('Platform fee');
  });

  it('filters by status, type and instructor through the route, and a shared link opens the same view', async () => {
    const fake = fakeWithPayments();
    renderApp(fake, '#/payments');
    await screen.findByText(`1–50 of ${fake.payments.length}`);
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'refunded' } });
    await waitFor(() => expect(window.location.hash).toContain('status=refunded'));
    await waitFor(() => expect(lastList(fake)).toMatchObject({ status: 'refunded', page: 1 }));
    const refunded = fake.payments.filter((p) => p.payment.status === 'refunded').length;
    await screen.findByText(`1–${refunded} of ${refunded}`);
    fireEvent.change(screen.getByRole('combobox', { name: 'Type' }), { target: { value: 'credit_pack' } });
    await waitFor(() => expect(lastList(fake)).toMatchObject({ status: 'refunded', type: 'credit_pack' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    await waitFor(() => expect(window.location.hash).toBe('#/payments'));
    cleanup();

    const jane = fake.instructors.find((i) => i.name === 'Jane Smith')!;
    renderApp(fake, `#/payments?instructor=${jane.id}&q=amira&sort=status.asc`);
    await waitFor(() =>
      expect(lastList(fake)).toMatchObject({
        instructorId: jane.id,
        q: 'amira',
        sort: { column: 'status', direction: 'asc' },
      }),
    );
    expect((screen.getByRole('searchbox', { name: 'Search payments' }) as HTMLInputElement).value).toBe(
      'amira',
    );
  });

  it('opens a payment in a drawer with Dashboard links, the split and balanced journal lines', async () => {
    const fake = fakeWithPayments();
    const target = fake.payments.find((p) => p.journal.length >= 3)!;
    renderApp(fake, `#/payments?id=${target.payment.id}`);
    const drawer = await screen.findByRole('complementary', {
      name: `${target.payment.learner.name} → ${target.payment.instructor.name}`,
    });
    await within(drawer).findByRole('region', { name: 'Journal' });
    const pi = within(drawer).getByRole('link', {
      name: `Open payment intent ${target.stripe.paymentIntent.id} in Stripe`,
    });
    expect(pi.getAttribute('href')).toBe(
      `https://dashboard.stripe.com/test/payments/${target.stripe.paymentIntent.id}`,
    );
    expect(pi.getAttribute('target')).toBe('_blank');
    expect(pi.getAttribute('rel')).toContain('noopener');
    const journals = within(drawer).getAllByTestId('journal-transaction');
    expect(journals).toHaveLength(target.journal.length);
    for (const j of journals) {
      expect(j.getAttribute('data-balanced')).toBe('true');
      expect(within(j).getByText('Balanced')).toBeTruthy();
      const foot = j.querySelector('tfoot')!.querySelectorAll('.money');
      expect(foot[0]!.textContent).toBe(foot[1]!.textContent); // debits = credits
    }
    const prepaid = within(drawer).getAllByText(/^Learner prepaid · .* → /);
    expect(prepaid.length).toBeGreaterThan(0);
    expect(prepaid[0]!.getAttribute('title')).toMatch(/^learner_prepaid:/); // the account's code on hover
    expect(within(drawer).getAllByText('Stripe balance')[0]!.getAttribute('title')).toBe('stripe_balance');
    // Each transaction says what moved the money in words, its stored kind on hover.
    expect(within(drawer).getByText('Learner payment').getAttribute('title')).toBe('payment');
    expect(within(drawer).getByRole('table', { name: 'Journal lines: Learner payment' })).toBeTruthy();
    const split = within(drawer).getByRole('table', { name: 'Amount split' });
    expect(split.textContent).toContain('Platform fee');
    fireEvent.keyDown(document, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('complementary')).toBeNull());
    expect(window.location.hash).not.toContain('id=');
  });

  it('shows the payment’s disputes, refunded hours and a refunded amount as a positive figure', async () => {
    const fake = fakeWithPayments();
    const target = fake.payments.find((p) => p.payment.refundedPence > 0 && p.credit)!;
    const p = target.payment;
    const dispute = {
      id: 'du_1Test',
      amountPence: p.totalPence,
      createdAt: fake.now - 86_400_000,
      payment: {
        id: p.id,
        paymentIntentId: p.paymentIntentId,
        dashboardUrl: `https://dashboard.stripe.com/test/payments/${p.paymentIntentId}`,
      },
      learner: { id: p.learner.id, name: p.learner.name },
      instructor: { id: p.instructor.id, name: p.instructor.name },
      instructorSharePence: p.instructorPence,
      decision: null,
      dashboardUrl: 'https://dashboard.stripe.com/test/disputes/du_1Test',
    };
    fake.disputes = [
      {
        ...dispute,
        status: 'needs_response',
        reason: 'product_not_received',
        evidenceDueBy: fake.now + 5 * 86_400_000,
        daysLeft: 5,
        needsDecision: false,
      },
      {
        ...dispute,
        id: 'du_2Test',
        status: 'lost',
        reason: 'fraudulent',
        evidenceDueBy: null,
        daysLeft: null,
        needsDecision: true,
      },
    ];
    renderApp(fake, `#/payments?id=${p.id}`);
    const drawer = await screen.findByRole('complementary', {
      name: `${p.learner.name} → ${p.instructor.name}`,
    });
    const disputes = await within(drawer).findByRole('region', { name: 'Disputes (2)' });
    const [open, lost] = within(disputes).getAllByRole('listitem');
    expect(open!.textContent).toContain('Needs response');
    expect(open!.textContent).toContain('Lesson not received');
    expect(open!.textContent).toMatch(/Evidence due .*5 days left/);
    expect(lost!.textContent).toContain('Lost');
    expect(lost!.textContent).toContain('Unauthorised');
    expect(lost!.textContent).toContain('No evidence asked for now.');
    // Each dispute opens its own page in the Stripe Dashboard, where evidence is submitted.
    expect(
      within(open!).getByRole('link', { name: 'Open dispute du_1Test in Stripe' }).getAttribute('href'),
    ).toBe('https://dashboard.stripe.com/test/disputes/du_1Test');
    expect(within(lost!).getByRole('button', { name: /^Decide on £/ })).toBeTruthy();

    const credit = within(drawer).getByRole('region', { name: 'Learner credit' });
    const c = target.credit!;
    expect(credit.textContent).toContain(
      `${c.hoursPurchased} purchased: ${c.hoursUsed} used, ${c.hoursRefunded} refunded, ${c.hoursPurchased - c.hoursUsed - c.hoursRefunded} left`,
    );
    // One sign convention: a refunded amount is a positive figure labelled "Refunded", as in the list and exports.
    const refundedRow = within(within(drawer).getByRole('table', { name: 'Amount split' })).getByRole('row', {
      name: /Refunded/,
    });
    expect(refundedRow.textContent).not.toContain('−');
    expect(refundedRow.textContent).not.toContain('-');
  });

  it('says why the table is empty and offers a retry when loading fails', async () => {
    const fake = new FakeBridge({ signedInAs: 'sam' });
    fake.failNext('payments.list', { code: 'internal', message: 'The database is busy.' });
    renderApp(fake, '#/payments');
    expect(await screen.findByText('The database is busy.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No payments yet')).toBeTruthy();
    expect(screen.getByText(/once Stripe is connected/)).toBeTruthy();
  });
});
