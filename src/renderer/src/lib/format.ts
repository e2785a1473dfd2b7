// Display helpers that keep integer arithmetic: basis points as a percentage, percentage text back to basis points.

/** 1800 → "18.00%", 5 → "0.05%"; integer arithmetic only. */
export function formatBps(bps: number): string {
  if (!Number.isSafeInteger(bps)) throw new RangeError(`basis points must be an integer, got ${bps}`);
  const sign = bps < 0 ? '\u2212' : '';
  const abs = Math.abs(bps);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** "18", "18.5", "18.50%" → 1850 bps; null when unreadable. No floating point. */
export function parsePercentToBps(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Middle truncation for ids: `pi_3Q…8fK2`. */
export function middleTruncate(value: string, head = 6, tail = 4): string {
  return value.length <= head + tail + 1 ? value : `${value.slice(0, head)}…${value.slice(-tail)}`;
}
