import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, jobProgress } from './fake-bridge';
import { connectedSync, syncError } from './fake-marketplace';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const bar = () => screen.getByRole('status', { name: 'Sync status' });

describe('sync status in the top bar', () => {
  it('polls sync.status as a background call, so the polling never keeps the session awake', async () => {
    const fake = new FakeBridge({ signedInAs: 'fin', now: Date.now() });
    fake.sync = connectedSync(fake.now);
    renderApp(fake);
    await waitFor(() => expect(bar().textContent).toContain('Demo · LPlate Ltd (demo)'));
    const polls = () => fake.calls.filter((c) => c.method === 'sync.status');
    expect(polls()[0]!.background).toBe(false);
    act(() => fake.emit('changed', { tables: ['sync_state'] }));
    await waitFor(() => expect(polls().length).toBeGreaterThan(1));
    expect(
      polls()
        .slice(1)
        .every((c) => c.background),
    ).toBe(true);
  });

  it('says "Stripe not connected" while sync.status is not available', async () => {
    renderApp(new FakeBridge({ signedInAs: 'ada' }));
    await screen.findByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(bar().textContent).toBe('Stripe not connected'));
    expect(within(bar()).queryByRole('button', { name: 'Sync now' })).toBeNull();
  });

  it('shows the account, mode and recency, then a running job from progress events with counts', async () => {
    const fake = new FakeBridge({ signedInAs: 'fin', now: Date.now() });
    fake.sync = connectedSync(fake.now);
    renderApp(fake);
    await waitFor(() => expect(bar().textContent).toContain('Demo · LPlate Ltd (demo)'));
    expect(bar().textContent).toMatch(/Synced \d+ s ago · last event \d+ s ago · lag 3 s/);
    act(() =>
      fake.emit(
        'progress',
        jobProgress({
          jobId: 'job-1',
          kind: 'backfill',
          state: 'running',
          parts: [{ name: 'payment_intents', done: 1200, total: 4000 }],
          done: 1200,
          total: 4000,
          ratePerSecond: 240,
          etaSeconds: 150,
          message: 'Backfilling payment intents',
        }),
      ),
    );
    const job = await screen.findByTestId('sync-job');
    expect(job.textContent).toContain('Backfilling payment intents');
    expect(job.textContent).toContain('1,200 / 4,000 · 2 min left');
    expect(within(job).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1200');
    expect(within(bar()).getByRole('button', { name: 'Sync now' }).hasAttribute('disabled')).toBe(true);
    act(() =>
      fake.emit(
        'progress',
        jobProgress({
          jobId: 'job-1',
          kind: 'backfill',
          state: 'done',
          parts: [],
          done: 4000,
          total: 4000,
          ratePerSecond: null,
          etaSeconds: null,
          message: '',
        }),
      ),
    );
    await waitFor(() => expect(screen.queryByTestId('sync-job')).toBeNull());
    fireEvent.click(within(bar()).getByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'sync.run')).toBe(true));
  });

  it('shows errors in red and lists them with the object id and what to do', async () => {
    const fake = new FakeBridge({ signedInAs: 'fin', now: Date.now() });
    fake.syncErrors = [syncError(fake.now, 1), syncError(fake.now, 2)];
    fake.sync = connectedSync(fake.now, { openErrors: 2, errors: fake.syncErrors });
    renderApp(fake);
    fireEvent.click(
      await within(await screen.findByRole('status', { name: 'Sync status' })).findByRole('button', {
        name: '2 sync errors',
      }),
    );
    await waitFor(() => expect(window.location.hash).toContain('sync=open'));
    const panel = await screen.findByRole('complementary', { name: 'Stripe sync' });
    const errors = await within(panel).findByRole('region', { name: 'Sync errors' });
    await waitFor(() => expect(errors.querySelectorAll('.sync-error')).toHaveLength(2));
    expect(errors.textContent).toContain(fake.syncErrors[0]!.objectId!.slice(0, 8));
    expect(errors.textContent).toContain('What to do:');
    expect(errors.textContent).toContain('Add the metadata in Stripe');
  });

  it('hides "Sync now" from support, whom the contract does not let run a sync', async () => {
    const fake = new FakeBridge({ signedInAs: 'sam', now: Date.now() });
    fake.sync = connectedSync(fake.now);
    renderApp(fake);
    await waitFor(() => expect(bar().textContent).toContain('LPlate Ltd (demo)'));
    expect(within(bar()).queryByRole('button', { name: 'Sync now' })).toBeNull();
  });
});
