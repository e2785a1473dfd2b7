// CSV as spreadsheets read it safely: RFC 4180 quoting, and text a spreadsheet would run as a formula (= + - @,
// tab, carriage return) prefixed with an apostrophe. Numbers pass as they are.

const FORMULA_START = /^[=+\-@\t\r]/;

/** A number already written as text (pounds as `-12.34`): passed as it is, never taken for a formula. */
export interface CsvNumber {
  numeric: string;
}

export type CsvValue = string | number | null | CsvNumber;

function cell(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return v.numeric;
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, with its CRLF. */
export const csvLine = (values: CsvValue[]): string => values.map(cell).join(',') + '\r\n';

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map(csvLine).join('');
}
