// What an export is made of, whatever its format: sheets of typed columns over a row source read in pages, so a
// list of a million rows is streamed, never held whole.

export type ColumnKind = 'text' | 'id' | 'pence' | 'integer' | 'date' | 'instant' | 'bps';

export interface ExportColumn<R> {
  header: string;
  kind: ColumnKind;
  value: (row: R) => string | number | null;
  /** Width in characters in XLSX (a default per kind otherwise). */
  width?: number;
}

export interface ExportSheet<R = never> {
  /** The sheet's name in XLSX, and the section's title in a CSV of several sections. */
  name: string;
  columns: ExportColumn<R>[];
  /** How many rows it will give (for progress), when known cheaply. */
  count: () => number | null;
  /** The rows, in pages of the source's choosing (an iterator over SQL keeps memory flat). */
  rows: () => Iterable<R>;
}

/** A sheet of any row type (the columns and rows agree inside each sheet). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySheet = ExportSheet<any>;

export function sheet<R>(s: ExportSheet<R>): ExportSheet<R> {
  return s;
}

/** Rows given once as an array (small sections such as a summary). */
export function fixedSheet<R>(name: string, columns: ExportColumn<R>[], rows: R[]): ExportSheet<R> {
  return { name, columns, count: () => rows.length, rows: () => rows };
}
