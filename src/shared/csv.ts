// CSV as spreadsheets read it safely: RFC 4180 quoting, and text a spreadsheet would run as a formula (= + - @,
// tab, carriage return) prefixed with an apostrophe. Numbers pass as they are.

const FORMULA_START = /^[=+\-@\t\r]/;

function cell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
