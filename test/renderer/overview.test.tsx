import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { formatPence } from '@shared/money';
import { FakeBridge, seedDemo } from './fake-bridge';
import { connectedSync, overviewOf } from './fake-marketplace';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

describe('overview page', () => {
  it('shows each KPI value from the server with its change vs the previous period and a sparkline', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.sync = connectedSync(fake.now);
    renderApp(fake, '#/overview?period=week');
    const expected = overviewOf(fake.payments, 'week', fake.now);
    await screen.findByTestId('kpi-grossVolume');
    for (const key of [
      'grossVolume',
      'platformFee',
      'refunds',
      'instructorPayable',
      'learnerPrepaid',
      'stripeBalance',
    ] as const)
      expect(screen.getByTestId(`kpi-${key}`).textContent).toBe(formatPence(expected.kpis[key].valuePence));
    const gross = screen.getByRole('article', { name: 'Gross volume' });
    expect(gross.textContent).toMatch(/vs last week by this time/);
    expect(within(gross).getByRole('img', { name: 'Gross volume, daily trend' })).toBeTruthy();
    const balance = screen.getByRole('article', { name: 'Stripe balance' });
    expect(within(balance).getByText('Matches ledger')).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'overview.summary')!.input).toEqual({ period: 'week' });
  });

  it('switches period through the route', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/overview');
    await screen.findByTestId('kpi-grossVolume');
    expect(screen.getByRole('button', { name: 'Today' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'This month' }));
    await waitFor(() => expect(window.location.hash).toContain('period=month'));
    await waitFor(() =>
      expect(fake.calls.filter((c) => c.method === 'overview.summary').at(-1)!.input).toEqual({
        period: 'month',
      }),
    );
    const month = overviewOf(fake.payments, 'month', fake.now);
    await waitFor(() =>
      expect(screen.getByTestId('kpi-grossVolume').textContent).toBe(
        formatPence(month.kpis.grossVolume.valuePence),
      ),
    );
    expect(screen.getByRole('article', { name: 'Refunds' }).textContent).toMatch(
      /vs last month by this time/,
    );
  });

  it('shows an honest empty state with no figures when Stripe is not connected', async () => {
    renderApp(new FakeBridge({ signedInAs: 'sam' }), '#/overview');
    expect(await screen.findByText('No figures yet: Stripe is not connected')).toBeTruthy();
    expect(document.querySelector('.content')!.textContent).not.toMatch(/£\d/);
  });

  it('says how the Stripe balance differs from the ledger: matched, explained by refunds Stripe has not paid, or not', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.sync = connectedSync(fake.now);
    const reported = { observedAt: fake.now - 40_000 };
    /** The card's badge, as its tone and its words, with Stripe reporting `offset` more than the ledger holds. */
    const badge = async (offset: number, refundsNotYetPaidPence: number) => {
      fake.answer('overview.summary', (input) => {
        const s = overviewOf(fake.payments, input.period, fake.now);
        const pence = s.kpis.stripeBalance.valuePence + offset;
        return { ...s, stripeReported: { ...reported, pence, refundsNotYetPaidPence } };
      });
      cleanup();
      renderApp(fake, '#/overview');
      const card = await screen.findByRole('article', { name: 'Stripe balance' });
      const found = await waitFor(() => {
        const b = card.querySelector('.badge');
        if (!b) throw new Error('no badge yet');
        return b;
      });
      return [found.className.replace('badge badge--', ''), found.textContent];
    };
    expect(await badge(0, 0)).toEqual(['green', 'Matches ledger']);
    expect(await badge(0, 13_452)).toEqual(['green', 'Matches ledger']);
    expect(await badge(13_452, 13_452)).toEqual(['amber', 'Matches once Stripe pays £134.52 of refunds']);
    expect(await badge(13_452 + 1_234, 13_452)).toEqual([
      'red',
      'Differs by £146.86, £134.52 of it refunds Stripe has not paid',
    ]);
    expect(await badge(1_234, 13_452)).toEqual(['red', 'Differs by £12.34']);
    expect(await badge(-500, 0)).toEqual(['red', 'Differs by −£5.00']);
  });
});
