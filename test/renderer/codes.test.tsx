import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, jobProgress, seedDemo } from './fake-bridge';
import { renderApp } from './render';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const rowOf = (code: string) => within(screen.getByRole('grid')).getByText(code).closest('tr')!;

async function openCode(code: string) {
  await screen.findByText(code);
  fireEvent.click(rowOf(code));
  return screen.findByRole('complementary', { name: code });
}

describe('codes page', () => {
  it('lists discount codes with usage, limit, expiry and status in words, and referral codes on their tab', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    await screen.findByText('WELCOME10');
    expect(rowOf('WELCOME10').textContent).toContain('212 / no limit');
    expect(within(rowOf('WELCOME10')).getByText('Active')).toBeTruthy();
    expect(within(rowOf('SUMMER15')).getByText('Expired')).toBeTruthy();
    expect(within(rowOf('LPLATE20')).getByText('Used up')).toBeTruthy();
    expect(within(rowOf('SPRING5')).getByText('Paused')).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Referral codes' }));
    await waitFor(() => expect(window.location.hash).toContain('kind=referral'));
    await screen.findByText('REF-AMIRA');
    expect(rowOf('REF-AMIRA').textContent).toContain('Amira Khan');
    expect(screen.queryByText('WELCOME10')).toBeNull();
  });

  it('filters by status through the route', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    await screen.findByText('WELCOME10');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'paused' } });
    await waitFor(() => expect(window.location.hash).toContain('status=paused'));
    await waitFor(() => expect(screen.queryByText('WELCOME10')).toBeNull());
    expect(screen.getByText('SPRING5')).toBeTruthy();
  });

  it('pauses a code after restating the effect, shows it on its way, then paused once Stripe answers', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('WELCOME10');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Pause code' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pause WELCOME10?' });
    expect(dialog.textContent).toContain('learners cannot use it at checkout');
    expect(dialog.textContent).toContain('Payments already made with it do not change.');
    fireEvent.change(within(dialog).getByLabelText('Why (optional, kept in the audit log)'), {
      target: { value: 'Leaked online' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause in Stripe' }));
    await screen.findByText('Pausing WELCOME10 in Stripe…');
    expect(fake.calls.find((c) => c.method === 'codes.setActive')?.input).toEqual({
      codeId: fake.codes.find((c) => c.code === 'WELCOME10')!.id,
      active: false,
      note: 'Leaked online',
    });
    await waitFor(() => expect(within(rowOf('WELCOME10')).getByText('Pausing…')).toBeTruthy());
    expect(within(drawer).getByRole('button', { name: 'Waiting for Stripe…' }).hasAttribute('disabled')).toBe(
      true,
    );

    fake.settleCodeChange(fake.codes.find((c) => c.code === 'WELCOME10')!.change!.jobId!);
    await waitFor(() => expect(within(rowOf('WELCOME10')).getByText('Paused')).toBeTruthy());
    expect(within(rowOf('WELCOME10')).queryByText('Pausing…')).toBeNull();
    expect(within(drawer).getByRole('button', { name: 'Resume code' })).toBeTruthy();
    expect(drawer.textContent).toMatch(/Last changePaused by Farah Finance/);
  });

  it('says in plain words when Stripe refused the change, and lets the operator try again', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('SPRING5');
    fireEvent.click(within(drawer).getByRole('button', { name: 'Resume code' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Resume in Stripe' }));
    await screen.findByText('Resuming SPRING5 in Stripe…');
    const refusal =
      'Stripe refused: An active promotion code with `code: SPRING5` already exists. Pause the other one first.';
    fake.settleCodeChange(fake.codes.find((c) => c.code === 'SPRING5')!.change!.jobId!, { refused: refusal });
    await waitFor(() => expect(within(drawer).getByRole('alert').textContent).toContain(refusal));
    expect(within(drawer).getByRole('alert').textContent).toContain('Stripe did not resume this code.');
    expect(within(rowOf('SPRING5')).getByText('Resume refused')).toBeTruthy();
    expect(within(drawer).getByRole('button', { name: 'Resume code' }).hasAttribute('disabled')).toBe(false);
  });

  it('shows codes to support without a way to change them', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/codes');
    const drawer = await openCode('WELCOME10');
    expect(within(drawer).queryByRole('button', { name: /Pause code|Resume code/ })).toBeNull();
    expect(within(drawer).getByRole('link', { name: /Open promotion code promo_.* in Stripe/ })).toBeTruthy();
  });
});

describe('jobs panel', () => {
  it('shows running jobs with progress and Cancel, and finished ones with how each write ended', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.jobs = [
      jobProgress({
        jobId: '00000000-0000-4000-8000-00000000b001',
        kind: 'backfill',
        state: 'running',
        parts: [{ name: 'payment_intents', done: 300, total: 1200 }],
        done: 300,
        total: 1200,
        message: 'Backfilling',
      }),
      jobProgress({
        jobId: '00000000-0000-4000-8000-00000000b002',
        kind: 'stripe_writes',
        state: 'failed',
        title: 'Pause LPLATE20 in Stripe',
        startedBy: 'Max Manager',
        message: 'Stripe refused (resource_missing): No such promotion code.',
        items: [
          {
            label: 'Pause LPLATE20',
            state: 'failed',
            detail: 'Stripe refused (resource_missing): No such promotion code.',
            stripeId: null,
          },
        ],
      }),
    ];
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'Jobs: 1 running' }));
    const running = await screen.findByRole('region', { name: 'Running jobs' });
    const backfill = within(running).getByRole('listitem', { name: 'Backfill from Stripe' });
    expect(within(backfill).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('300');
    expect(backfill.textContent).toContain('300 / 1,200');
    fireEvent.click(within(backfill).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(fake.calls.some((c) => c.method === 'jobs.cancel')).toBe(true));

    const finished = screen.getByRole('region', { name: 'Finished jobs' });
    const pause = within(finished).getByRole('listitem', { name: 'Pause LPLATE20 in Stripe' });
    expect(within(pause).getAllByText('Failed').length).toBe(1);
    expect(within(pause).getByText('Refused')).toBeTruthy();
    expect(pause.textContent).toContain('by Max Manager');
    expect(pause.textContent).toContain('No such promotion code.');
  });

  it('lets support watch jobs but not cancel them', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    fake.jobs = [
      jobProgress({ jobId: '00000000-0000-4000-8000-00000000b003', kind: 'backfill', state: 'running' }),
    ];
    renderApp(fake, '#/codes');
    fireEvent.click(await screen.findByRole('button', { name: 'Jobs: 1 running' }));
    const running = await screen.findByRole('region', { name: 'Running jobs' });
    expect(within(running).queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
