// A narrow table leaves columns out, and with them their sort headers: this chip names the order the rows are in and
// offers the orders of the columns left out, so a sort by one of them can be seen and chosen again at any width.
import type { RowData } from '@tanstack/react-table';
import type { DataColumn, SortState } from './DataTable';

/** An order as shown ("Sorted by Created ↓") and as a screen reader says it ("Sorted by Created, descending"). */
function order<T extends RowData>(column: DataColumn<T>, direction: SortState['direction']) {
  const name = `Sorted by ${column.sortLabel ?? column.header}`;
  return direction === 'desc'
    ? { text: `${name} ↓`, spoken: `${name}, descending` }
    : { text: `${name} ↑`, spoken: `${name}, ascending` };
}

export function HiddenSort<T extends RowData>({
  columns,
  shown,
  sort,
  onSortChange,
}: {
  columns: DataColumn<T>[];
  shown: DataColumn<T>[];
  sort: SortState | undefined;
  onSortChange: (sort: SortState) => void;
}) {
  const shownKeys = new Set(shown.map((c) => c.sortKey));
  const hidden = columns.filter(
    (c, i) =>
      c.sortKey && !shownKeys.has(c.sortKey) && columns.findIndex((o) => o.sortKey === c.sortKey) === i,
  );
  if (hidden.length === 0) return null;
  const byHidden = sort && hidden.some((c) => c.sortKey === sort.column);
  const visible = sort && !byHidden ? shown.find((c) => c.sortKey === sort.column) : undefined;
  const current = visible && sort ? order(visible, sort.direction) : undefined;
  return (
    <span className={`chip-select${byHidden ? ' chip-select--active' : ''}`}>
      <select
        aria-label="Sort by a column this width leaves out"
        value={byHidden ? `${sort.column}:${sort.direction}` : ''}
        onChange={(e) => {
          const cut = e.target.value.lastIndexOf(':');
          const direction = e.target.value.slice(cut + 1) as SortState['direction'];
          if (cut > 0) onSortChange({ column: e.target.value.slice(0, cut), direction });
        }}
      >
        <option value="" disabled aria-label={current?.spoken}>
          {current?.text ?? 'Sort by…'}
        </option>
        {hidden.flatMap((c) =>
          ((c.sortDescFirst ?? true) ? (['desc', 'asc'] as const) : (['asc', 'desc'] as const)).map((d) => {
            const { text, spoken } = order(c, d);
            return (
              <option key={`${c.sortKey}:${d}`} value={`${c.sortKey}:${d}`} aria-label={spoken}>
                {text}
              </option>
            );
          }),
        )}
      </select>
    </span>
  );
}
