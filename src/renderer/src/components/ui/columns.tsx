// The two columns most tables share, built one way: an instant (date and time on screen, UK words in a CSV) and an
// amount in pence (right-aligned on screen, pounds in a CSV). A missing instant shows a dash and exports empty.
import { formatInstant } from '@shared/dates';
import { formatPence } from '@shared/money';
import type { RowData } from '@tanstack/react-table';
import type { DataColumn } from './DataTable';
import { DateTime } from './DateTime';
import { Money } from './Money';

type Extra<T extends RowData> = Partial<Omit<DataColumn<T>, 'cell' | 'csv'>>;

export function instantColumn<T extends RowData>(
  id: string,
  header: string,
  ms: (row: T) => number | null,
  extra: Extra<T> = {},
): DataColumn<T> {
  return {
    id,
    header,
    width: 156,
    ...extra,
    cell: (row) => {
      const at = ms(row);
      return at === null ? <span className="muted">—</span> : <DateTime ms={at} />;
    },
    csv: (row) => {
      const at = ms(row);
      return at === null ? '' : formatInstant(at);
    },
  };
}

export function moneyColumn<T extends RowData>(
  id: string,
  header: string,
  pence: (row: T) => number,
  extra: Extra<T> = {},
): DataColumn<T> {
  return {
    id,
    header,
    align: 'right',
    width: 96,
    ...extra,
    cell: (row) => <Money pence={pence(row)} />,
    csv: (row) => formatPence(pence(row)),
  };
}
