// Writes one sheet as a CSV file: UTF-8 with a BOM (so Excel reads £ and accents), ISO dates and instants, pounds as
// plain numbers, text that would run as a formula escaped (shared/csv.ts), streamed row by row.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvLine, type CsvValue } from '../../shared/csv';
import { penceAsDecimal } from '../../shared/money';
import type { AnySheet, ColumnKind } from './table';

export function csvValue(kind: ColumnKind, v: string | number | null): CsvValue {
  if (v === null) return null;
  switch (kind) {
    case 'pence':
      return { numeric: penceAsDecimal(v as number) };
    case 'instant':
      return new Date(v as number).toISOString();
    default:
      return v;
  }
}

export async function writeCsv(path: string, s: AnySheet, onRows: (n: number) => void): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let bytes = 0;
  const put = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await write(text);
  };
  try {
    await put(`\uFEFF${csvLine(s.columns.map((c) => c.header))}`);
    let pending = 0;
    for (const row of s.rows()) {
      await put(csvLine(s.columns.map((c) => csvValue(c.kind, c.value(row)))));
      if (++pending === 500) {
        onRows(pending);
        pending = 0;
      }
    }
    onRows(pending);
  } finally {
    out.end();
    await once(out, 'close');
  }
  return bytes;
}
