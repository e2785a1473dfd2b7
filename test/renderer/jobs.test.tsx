// Settling a Stripe write the console could not confirm, from the Jobs panel: finance names what it found in Stripe
// (checked by main) or says it was not made, with a note; support only sees it.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { JobProgress } from '@shared/contract';
import { FakeBridge, jobProgress, seedDemo } from './fake-bridge';
import { renderApp } from './render';

afterEach(cleanup);

const WRITE = '00000000-0000-4000-8000-00000000d001';

function withUnconfirmedTransfer(signedInAs: string): FakeBridge {
  const fake = seedDemo(new FakeBridge({ signedInAs }));
  fake.jobs = [
    jobProgress({
      jobId: '00000000-0000-4000-8000-00000000d000',
      kind: 'stripe_writes',
      state: 'failed',
      title: 'Pay Ana Silva',
      message: '1 of 1 writes are unconfirmed: Stripe may have made them. Sync links them when it sees them.',
      items: [
        {
          writeId: WRITE,
          label: 'Transfer £120.00 to Ana Silva',
          state: 'unknown',
          detail: 'Stripe may have made this and it is not sent again.',
          stripeId: null,
        },
      ],
    }),
  ];
  return fake;
}

async function openJob(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: /^Jobs/ }));
  const finished = await screen.findByRole('region', { name: 'Finished jobs' });
  return within(finished).getByRole('listitem', { name: 'Pay Ana Silva' });
}

describe('settling an unconfirmed write', () => {
  it('asks for what was found, shows main’s refusal against the field, then settles it as made', async () => {
    const fake = withUnconfirmedTransfer('fin');
    renderApp(fake, '#/');
    fireEvent.click(within(await openJob()).getByRole('button', { name: 'Settle…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Settle “Transfer £120.00 to Ana Silva”' });
    expect(dialog.textContent).toContain(WRITE);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Check it in Stripe and settle' }));
    expect(within(dialog).getByText('Paste the id of the object you found.')).toBeTruthy();
    expect(within(dialog).getByText('Say what you found in Stripe.')).toBeTruthy();
    expect(fake.calls.some((c) => c.method === 'jobs.settleWrite')).toBe(false);

    fireEvent.change(within(dialog).getByLabelText('Its id in Stripe'), { target: { value: 'tr_9Other' } });
    fireEvent.change(within(dialog).getByLabelText('What you found (kept in the audit log)'), {
      target: { value: 'Found in the Dashboard' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check it in Stripe and settle' }));
    expect(await within(dialog).findByText(/was made by another write/)).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('Its id in Stripe'), { target: { value: 'tr_1Ana' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Check it in Stripe and settle' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Settle/ })).toBeNull());
    expect(fake.calls.filter((c) => c.method === 'jobs.settleWrite').at(-1)?.input).toEqual({
      writeId: WRITE,
      stripeId: 'tr_1Ana',
      note: 'Found in the Dashboard',
    });
    const job = await openJobAgain();
    // The job and its write both say Done, and the write shows the transfer.
    expect(within(job).getAllByText('Done')).toHaveLength(2);
    expect(job.textContent).toContain('tr_1Ana');
    expect(within(job).queryByRole('button', { name: 'Settle…' })).toBeNull();
  });

  it('marks it as not made, in red, after saying what follows', async () => {
    const fake = withUnconfirmedTransfer('fin');
    renderApp(fake, '#/');
    fireEvent.click(within(await openJob()).getByRole('button', { name: 'Settle…' }));
    const dialog = await screen.findByRole('dialog', { name: /Settle/ });
    fireEvent.change(within(dialog).getByLabelText('What you found'), { target: { value: 'not_made' } });
    expect(dialog.textContent).toContain('is never sent again');
    fireEvent.change(within(dialog).getByLabelText('What you found (kept in the audit log)'), {
      target: { value: 'No transfer with this id in the Dashboard' },
    });
    const confirm = within(dialog).getByRole('button', { name: 'Mark as not made' });
    expect(confirm.className).toContain('button--danger');
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Settle/ })).toBeNull());
    expect(fake.calls.filter((c) => c.method === 'jobs.settleWrite').at(-1)?.input).toMatchObject({
      stripeId: null,
    });
  });

  it('lets support see the unconfirmed write but not settle it', async () => {
    renderApp(withUnconfirmedTransfer('sam'), '#/');
    const job = await openJob();
    expect(job.textContent).toContain('Unconfirmed');
    expect(within(job).queryByRole('button', { name: 'Settle…' })).toBeNull();
  });
});

/** The job's card as the panel shows it now (the panel re-renders from the progress event). */
async function openJobAgain(): Promise<HTMLElement> {
  const finished = await screen.findByRole('region', { name: 'Finished jobs' });
  return within(finished).getByRole('listitem', { name: 'Pay Ana Silva' });
}

describe('a running job in parts', () => {
  const recon = (parts: JobProgress['parts'], done: number, total: number | null) =>
    jobProgress({
      jobId: '00000000-0000-4000-8000-00000000e000',
      kind: 'reconciliation',
      state: 'running',
      title: 'Reconcile 1 – 31 July 2025',
      parts,
      done,
      total,
      ratePerSecond: 240,
      message: 'Reading Stripe: 3 pages (charges)…',
    });

  async function countsOf(job: JobProgress): Promise<string> {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    fake.jobs = [job];
    renderApp(fake, '#/');
    fireEvent.click(await screen.findByRole('button', { name: /^Jobs/ }));
    const running = await screen.findByRole('region', { name: 'Running jobs' });
    const card = within(running).getByRole('listitem', { name: job.title });
    return card.querySelector('.job-card__counts')!.textContent!;
  }

  it('names the part it is on with that part’s own counts, not a bare sum of both', async () => {
    const reading = await countsOf(
      recon(
        [
          { name: 'Stripe objects read', done: 3400, total: null },
          { name: 'Checks', done: 0, total: 9 },
        ],
        3400,
        null,
      ),
    );
    expect(reading).toBe('Stripe objects read · 3,400 · 240/s');
    cleanup();
    const checking = await countsOf(
      recon(
        [
          { name: 'Stripe objects read', done: 3400, total: 3400 },
          { name: 'Checks', done: 5, total: 9 },
        ],
        3405,
        3409,
      ),
    );
    expect(checking).toBe('Checks · 5 of 9');
  });

  it('keeps the plain counts for a job in one part', async () => {
    const counts = await countsOf({
      ...recon([{ name: 'payment_intents', done: 1200, total: 4000 }], 1200, 4000),
      etaSeconds: 10,
    });
    expect(counts).toBe('1,200 / 4,000 · 240/s · 10 s left');
  });
});
