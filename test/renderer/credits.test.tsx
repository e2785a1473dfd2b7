import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FakeBridge, seedDemo } from './fake-bridge';
import { FakeCredits } from './fake-credits';
import { renderApp } from './render';
import { CreditTotals } from '../../src/renderer/src/features/credits/CreditTotals';

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const csvFile = (text: string, name = 'completions.csv') => new File([text], name, { type: 'text/csv' });
const totals = () => screen.getByRole('region', { name: /^Totals/ });

async function chooseFile(file: File) {
  const input = await screen.findByLabelText('Completions CSV file');
  fireEvent.change(input, { target: { files: [file] } });
}

describe('credits page', () => {
  it('shows each pair’s hours and liability with totals, and filters by instructor in the route', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'max' }));
    renderApp(fake, '#/credits');
    const amira = (await screen.findByText('Amira Khan')).closest('tr')!;
    expect(amira.textContent).toContain('10 h');
    expect(amira.textContent).toContain('£354.00');
    expect(totals().textContent).toMatch(/Liability · 3 pairs£566\.40/);
    expect(totals().textContent).toContain('Remaining16 h');
    // a manager may look but not import
    expect(screen.queryByRole('button', { name: 'Import completions' })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Hours' }), { target: { value: 'remaining' } });
    await waitFor(() => expect(window.location.hash).toContain('state=remaining'));
    const last = fake.calls.filter((c) => c.method === 'credits.list').at(-1)!;
    expect(last.input).toMatchObject({ state: 'remaining' });
  });

  it('previews an import row by row, refuses a file with problems, and imports a good one after confirming', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'fin' }));
    renderApp(fake, '#/credits');
    await screen.findByText('Amira Khan');
    fireEvent.click(screen.getByRole('button', { name: 'Import completions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import lesson completions' });

    await chooseFile(
      csvFile(
        FakeCredits.csv([
          [1, 2],
          [2, 40],
        ]),
        'bad.csv',
      ),
    );
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(
      /1 row has problems\..*Nothing will be imported/,
    );
    expect(within(dialog).getByText(/only 8 unused hour\(s\) remain .* not 40/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /^Import/ })).toBeNull();
    expect(fake.calls.some((c) => c.method === 'completions.import')).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Choose another file' }));
    await chooseFile(
      csvFile(
        FakeCredits.csv([
          [1, 2],
          [2, 1, 3],
        ]),
      ),
    );
    await within(dialog).findByText('Rows');
    expect(dialog.querySelector('[aria-label="Preview summary"]')!.textContent).toMatch(/New2 \(3 h\)/);
    expect(within(dialog).getAllByText('New', { selector: '.badge' })).toHaveLength(2);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 2 completions…' }));
    const confirm = await screen.findByRole('dialog', { name: 'Import these completions?' });
    expect(confirm.textContent).toMatch(
      /Record 2 lesson completions \(3 h\) from completions\.csv for 2 learner–instructor pairs/,
    );
    expect(confirm.textContent).toMatch(/liability by £106\.20/);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Import 2 completions' }));
    await screen.findByText('Imported 2 completions (3 h).');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(totals().textContent).toContain('Remaining13 h'));

    // the same file again: nothing new, and no import button
    fireEvent.click(screen.getByRole('button', { name: 'Import completions' }));
    await chooseFile(
      csvFile(
        FakeCredits.csv([
          [1, 2],
          [2, 1, 3],
        ]),
      ),
    );
    const again = await screen.findByRole('dialog', { name: 'Import lesson completions' });
    expect((await within(again).findByRole('status')).textContent).toMatch(
      /Nothing new\..*would change nothing/,
    );
    expect(within(again).queryByRole('button', { name: /^Import/ })).toBeNull();
  });

  it('lets support record a lesson from the pair’s drawer and correct it; a manager sees no such buttons', async () => {
    const fake = seedDemo(new FakeBridge({ signedInAs: 'sam' }));
    renderApp(fake, '#/credits');
    fireEvent.click(await screen.findByText('Ben Jones'));
    const drawer = await screen.findByRole('complementary', { name: 'Ben Jones with Jane Smith' });
    expect(await within(drawer).findByText('Credit pack bought: 4 h')).toBeTruthy();
    fireEvent.click(within(drawer).getByRole('button', { name: 'Record a lesson' }));
    const dialog = await screen.findByRole('dialog', { name: 'Record a lesson' });
    fireEvent.change(within(dialog).getByLabelText(/^Hours/), { target: { value: '2' } });
    fireEvent.change(within(dialog).getByLabelText(/^Date/), { target: { value: '2026-11-25' } });
    fireEvent.change(within(dialog).getByLabelText(/^Ended at/), { target: { value: '08:00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record lesson' }));
    await screen.findByText('Lesson recorded.');
    const lesson = await within(drawer).findByText('Lesson completed: 2 h');
    expect(fake.calls.find((c) => c.method === 'completions.record')!.input).toMatchObject({
      hours: 2,
      completedAt: Date.parse('2026-11-25T08:00:00Z'),
    });

    fireEvent.click(within(lesson.closest('li')!).getByRole('button', { name: 'Correct or reverse…' }));
    const correct = await screen.findByRole('dialog', { name: 'Correct a lesson' });
    fireEvent.click(within(correct).getByRole('button', { name: 'Reverse and record' }));
    expect(await within(correct).findByText('Say why, in a few words.')).toBeTruthy();
    fireEvent.click(within(correct).getByLabelText('The lesson did not happen'));
    fireEvent.change(within(correct).getByLabelText('Reason'), { target: { value: 'Wrong learner' } });
    fireEvent.click(within(correct).getByRole('button', { name: 'Reverse lesson' }));
    await screen.findByText('Lesson reversed: its hours are back.');
    expect(await within(drawer).findByText('Lesson completed: 2 h (reversed)')).toBeTruthy();
    expect(fake.calls.find((c) => c.method === 'completions.reverse')!.input).toEqual({
      completionId: expect.any(String),
      reason: 'Wrong learner',
    });
    cleanup();

    const manager = seedDemo(new FakeBridge({ signedInAs: 'max' }));
    renderApp(manager, '#/credits');
    fireEvent.click(await screen.findByText('Ben Jones'));
    const view = await screen.findByRole('complementary', { name: 'Ben Jones with Jane Smith' });
    await within(view).findByText('Credit pack bought: 4 h');
    expect(within(view).queryByRole('button', { name: 'Record a lesson' })).toBeNull();
  });
});

describe('credit totals', () => {
  it('says at least how many pairs a broad search matches, with no sums, instead of adding them up', () => {
    render(<CreditTotals totals={{ pairs: 10_000, capped: true }} scope={null} />);
    expect(totals().textContent).toBe(
      'At least 10,000 pairs match this search, too many to add up here: narrow it to see their hours and liability.',
    );
    expect(within(totals()).queryByText(/£/)).toBeNull();
  });
});
