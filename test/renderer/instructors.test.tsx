import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, seedDemo } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const rowOf = (name: string) => screen.getByText(name).closest('tr')!;

describe('instructors page', () => {
  it('marks the instructors who cannot be paid, with the reason, and shows Connect status in words', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/instructors');
    await screen.findByText('Tom Baker');
    const tom = rowOf('Tom Baker');
    expect(within(tom).getByText('Cannot be paid').closest('[title]')!.getAttribute('title')).toMatch(
      /restricted/,
    );
    expect(within(tom).getByText('Restricted')).toBeTruthy();
    expect(within(rowOf('Kwame Mensah')).getByText('No account')).toBeTruthy();
    expect(within(rowOf('Kwame Mensah')).getByText('Cannot be paid')).toBeTruthy();
    expect(within(rowOf('Lucy Clarke')).getByText('Cannot be paid')).toBeTruthy();
    const jane = rowOf('Jane Smith');
    expect(within(jane).queryByText('Cannot be paid')).toBeNull();
    expect(within(jane).getByText('Enabled')).toBeTruthy();
    expect(jane.textContent).toContain('£38.00'); // hourly rate

    fireEvent.click(within(tom).getByText('Tom Baker'));
    const drawer = await screen.findByRole('complementary', { name: 'Tom Baker' });
    expect(within(drawer).getByRole('alert').textContent).toMatch(/Cannot be paid\..*restricted/);
    expect(within(drawer).getByText('individual.verification.document')).toBeTruthy();
    // Owed is earned − paid − clawed back, each part on its own line.
    const money = within(drawer).getByRole('table', { name: 'Instructor money' });
    expect(within(money).getByRole('rowheader', { name: 'Clawed back (refunds, disputes)' })).toBeTruthy();
    const link = within(drawer).getByRole('link', { name: /Open connected account acct_.* in Stripe/ });
    expect(link.getAttribute('href')).toMatch(
      /^https:\/\/dashboard\.stripe\.com\/test\/connect\/accounts\/acct_/,
    );
  });

  it('filters to the flagged instructors through the route and sorts by name on the server', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/instructors');
    await screen.findByText('Jane Smith');
    fireEvent.change(screen.getByRole('combobox', { name: 'Payable' }), { target: { value: 'yes' } });
    await waitFor(() => expect(window.location.hash).toContain('flagged=yes'));
    await waitFor(() => expect(screen.queryByText('Jane Smith')).toBeNull());
    expect(screen.getByText('1–3 of 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Instructor/ }));
    await waitFor(() => expect(window.location.hash).toContain('sort=name.asc'));
    const last = fake.calls.filter((c) => c.method === 'instructors.list').at(-1)!;
    expect(last.input).toMatchObject({ flagged: true, sort: { column: 'name', direction: 'asc' } });
    await waitFor(() =>
      expect(
        within(screen.getByRole('grid', { name: 'Instructors' }))
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.querySelector('td')!.textContent!.replace('⚑ Cannot be paid', '')),
      ).toEqual(['Kwame Mensah', 'Lucy Clarke', 'Tom Baker']),
    );
  });
});
