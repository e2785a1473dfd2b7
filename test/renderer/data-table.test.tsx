import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { DataTable, type DataColumn } from '../../src/renderer/src/components/ui';
import { Money } from '../../src/renderer/src/components/ui';

afterEach(cleanup);

interface Row {
  id: string;
  name: string;
  amount: number;
}
const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({
  id: `r${i + 1}`,
  name: `Learner ${i + 1}`,
  amount: (i + 1) * 100 - 2500,
}));
const columns: DataColumn<Row>[] = [
  {
    id: 'name',
    header: 'Learner',
    sortKey: 'name',
    sortDescFirst: false,
    cell: (r) => r.name,
    csv: (r) => r.name,
  },
  {
    id: 'amount',
    header: 'Total',
    sortKey: 'amount',
    align: 'right',
    cell: (r) => <Money pence={r.amount} />,
    csv: (r) => r.amount,
  },
  { id: 'plain', header: 'Note', cell: () => 'n/a' },
];

function setup(over: Partial<React.ComponentProps<typeof DataTable<Row>>> = {}) {
  const onPageChange = vi.fn();
  const onSortChange = vi.fn();
  const onRowOpen = vi.fn();
  render(
    <DataTable<Row>
      label="Payments"
      columns={columns}
      rows={rows}
      getRowId={(r) => r.id}
      total={12_345}
      page={1}
      pageSize={50}
      onPageChange={onPageChange}
      sort={{ column: 'amount', direction: 'desc' }}
      onSortChange={onSortChange}
      onRowOpen={onRowOpen}
      {...over}
    />,
  );
  return { onPageChange, onSortChange, onRowOpen };
}

/** Clicks "Export CSV" and returns the files the table handed to the browser to download. */
function exportCsv(): Blob[] {
  const created: Blob[] = [];
  const original = URL.createObjectURL;
  URL.createObjectURL = ((b: Blob) => {
    created.push(b);
    return 'blob:x';
  }) as typeof URL.createObjectURL;
  try {
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
  } finally {
    URL.createObjectURL = original;
  }
  return created;
}

describe('DataTable', () => {
  it('shows the range shown and the total, and pages through the parent', () => {
    const { onPageChange } = setup();
    expect(screen.getByText('1–50 of 12,345')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenCalledWith(2);
    fireEvent.click(screen.getByRole('button', { name: 'Page 247' }));
    expect(onPageChange).toHaveBeenCalledWith(247);
    expect((screen.getByRole('button', { name: 'Previous page' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows a capped total as "N+" and pages on past it, with no button for the unknown last page', () => {
    const { onPageChange } = setup({ total: 10_000, totalCapped: true, page: 200 });
    expect(screen.getByText('9,951–10,000 of 10,000+')).toBeTruthy();
    expect(screen.getByRole('grid', { name: 'Payments' }).getAttribute('aria-rowcount')).toBe('-1');
    const pager = screen.getByRole('navigation', { name: 'Pages' });
    expect(
      within(pager)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['‹', '1', '199', '200', '›']);
    expect(pager.textContent).toBe('‹1…199200…›');
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenCalledWith(201);
  });

  it('marks the sorted column and asks the parent to sort, flipping direction or starting a new column', () => {
    const { onSortChange } = setup();
    const grid = screen.getByRole('grid', { name: 'Payments' });
    const totalHeader = within(grid).getByRole('columnheader', { name: /Total/ });
    expect(totalHeader.getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(within(totalHeader).getByRole('button'));
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'amount', direction: 'asc' });
    fireEvent.click(within(grid).getByRole('button', { name: /Learner/ }));
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'name', direction: 'asc' });
    expect(within(within(grid).getByRole('columnheader', { name: 'Note' })).queryByRole('button')).toBeNull();
  });

  it('moves with j and k and opens the active row with Enter', () => {
    const { onRowOpen } = setup();
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'j' });
    fireEvent.keyDown(document.body, { key: 'k' });
    const selected = screen.getAllByRole('row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
    expect(selected[0]!.textContent).toContain('Learner 2');
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(onRowOpen).toHaveBeenCalledWith(rows[1]);
  });

  it('does not steal j/k while the operator types in a field, and / focuses the page search', () => {
    const { onRowOpen } = setup();
    const search = document.createElement('input');
    search.setAttribute('data-page-search', '');
    document.body.appendChild(search);
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: 'j' });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(onRowOpen).not.toHaveBeenCalled();
    search.remove();
  });

  it('opens a row on click', () => {
    const { onRowOpen } = setup();
    fireEvent.click(screen.getByText('Learner 7'));
    expect(onRowOpen).toHaveBeenCalledWith(rows[6]);
  });

  it('shows money right-aligned with negatives in red', () => {
    setup();
    const negative = screen.getByText('\u2212£24.00');
    expect(negative.className).toContain('money--negative');
    expect(negative.closest('td')!.className).toContain('cell--right');
  });

  it('shows skeleton rows while the first page loads', () => {
    setup({ rows: undefined, loading: true, total: 0 });
    expect(screen.getByRole('grid').getAttribute('aria-busy')).toBe('true');
    expect(document.querySelectorAll('.row--skeleton').length).toBeGreaterThan(0);
    expect(screen.getByText('Loading…')).toBeTruthy();
  });

  it('says why it is empty', () => {
    setup({
      rows: [],
      total: 0,
      emptyTitle: 'No payments yet',
      emptyMessage: 'Payments appear after the first sync.',
    });
    expect(screen.getByText('No payments yet')).toBeTruthy();
    expect(screen.getByText('Payments appear after the first sync.')).toBeTruthy();
    expect(screen.getByText('0–0 of 0')).toBeTruthy();
  });

  it('shows an error with retry and the details behind a disclosure', () => {
    const onRetry = vi.fn();
    setup({
      error: { code: 'internal', message: 'The database is locked.', details: { attempt: 3 } },
      onRetry,
    });
    expect(screen.getByRole('alert').textContent).toContain('The database is locked.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalled();
    const details = screen.getByText('Details').closest('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('"attempt": 3');
  });

  it('exports what it shows as CSV', async () => {
    setup({ exportName: 'payments' });
    const created = exportCsv();
    expect(created).toHaveLength(1);
    const text = await created[0]!.text();
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toBe('Learner,Total');
    expect(lines[1]).toBe('Learner 1,-2400');
    expect(lines).toHaveLength(51);
  });
});

describe('DataTable with a detail open', () => {
  it('moves the open detail along with j and k', () => {
    const onRowOpen = vi.fn();
    render(
      <DataTable<Row>
        label="Payments"
        columns={columns}
        rows={rows}
        getRowId={(r) => r.id}
        total={50}
        page={1}
        pageSize={50}
        onPageChange={() => undefined}
        onRowOpen={onRowOpen}
        openRowId="r1"
      />,
    );
    fireEvent.click(screen.getByText('Learner 1'));
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(onRowOpen).toHaveBeenLastCalledWith(rows[1]);
  });
});

/** jsdom lays nothing out: a ResizeObserver stand-in reports the width a browser would, through the returned call. */
function stubTableWidth(): (width: number) => Promise<void> {
  let report: (width: number) => void = () => {};
  class WidthObserver {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe() {
      report = (width) =>
        this.callback([{ contentRect: { width } } as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  }
  vi.stubGlobal('ResizeObserver', WidthObserver);
  return (width) => act(async () => report(width));
}

describe('narrow tables', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('leaves out a hideBelow column while the table is narrower than its width, and shows a showBelow one only then', async () => {
    const report = stubTableWidth();
    // The note, and its short form: a column shown only below the width its long form is left out under.
    const narrowable = [
      ...columns.map((c) => (c.id === 'plain' ? { ...c, hideBelow: 900 } : c)),
      { id: 'short', header: 'Short note', showBelow: 900, cell: () => 'n' },
    ];
    setup({ columns: narrowable, exportName: 'payments' });
    const headers = () =>
      within(screen.getByRole('grid'))
        .getAllByRole('columnheader')
        .map((h) => h.textContent ?? '');
    const shown = () => headers().filter((h) => h.startsWith('Note') || h.startsWith('Short note'));
    // Before the width is known, the long form.
    expect(shown()).toEqual(['Note']);
    await report(760);
    expect(shown()).toEqual(['Short note']);
    await report(900);
    expect(shown()).toEqual(['Note']);
    await report(760);
    // An export holds the columns that say how to export them, whatever the width: not the short form.
    const created = exportCsv();
    expect((await created[0]!.text()).split('\r\n')[0]).toBe('Learner,Total');
  });

  it("names a sort by a column the width leaves out, and offers that column's orders", async () => {
    const report = stubTableWidth();
    const narrowable = columns.map((c) => (c.id === 'amount' ? { ...c, hideBelow: 900 } : c));
    const { onSortChange } = setup({ columns: narrowable });
    const picker = () => screen.queryByRole('combobox', { name: 'Sort by a column this width leaves out' });
    const chosen = (select: HTMLElement) => (select as HTMLSelectElement).selectedOptions[0]!.textContent;
    // Every column shown: the headers say the order.
    expect(picker()).toBeNull();
    await report(760);
    expect(within(screen.getByRole('grid')).queryByRole('columnheader', { name: /Total/ })).toBeNull();
    expect(chosen(picker()!)).toBe('Sorted by Total ↓');
    fireEvent.change(picker()!, { target: { value: 'amount:asc' } });
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'amount', direction: 'asc' });
    await report(900);
    expect(picker()).toBeNull();
  });

  it("offers a left-out column's first direction first, by the name its order goes by, once per sort key", async () => {
    const report = stubTableWidth();
    const narrowable: DataColumn<Row>[] = [
      ...columns.map((c) => (c.id === 'name' ? { ...c, hideBelow: 900, sortLabel: 'Name' } : c)),
      // A second column sorting by the same key offers no second pair of orders.
      { id: 'name2', header: 'Learner again', sortKey: 'name', hideBelow: 900, cell: (r) => r.name },
    ];
    setup({ columns: narrowable, sort: { column: 'name', direction: 'asc' } });
    await report(760);
    const picker = screen.getByRole('combobox', { name: 'Sort by a column this width leaves out' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Sort by…', 'Sorted by Name ↑', 'Sorted by Name ↓']);
    expect((picker as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Sorted by Name ↑');
    // A screen reader hears the order in words, not the arrow's name.
    for (const name of ['Sorted by Name, ascending', 'Sorted by Name, descending'])
      expect(within(picker).getByRole('option', { name })).toBeTruthy();
    expect(within(picker).queryByRole('option', { name: /↑|↓/ })).toBeNull();
  });

  it('names a sort by a column shown in the chip too, and offers the left-out one to go back to', async () => {
    const report = stubTableWidth();
    const narrowable = columns.map((c) => (c.id === 'amount' ? { ...c, hideBelow: 900 } : c));
    const { onSortChange } = setup({ columns: narrowable, sort: { column: 'name', direction: 'asc' } });
    await report(760);
    const picker = screen.getByRole('combobox', { name: 'Sort by a column this width leaves out' });
    expect((picker as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Sorted by Learner ↑');
    expect(within(picker).getByRole('option', { name: 'Sorted by Learner, ascending' })).toBeTruthy();
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Sorted by Learner ↑', 'Sorted by Total ↓', 'Sorted by Total ↑']);
    fireEvent.change(picker, { target: { value: 'amount:desc' } });
    expect(onSortChange).toHaveBeenLastCalledWith({ column: 'amount', direction: 'desc' });
  });
});
