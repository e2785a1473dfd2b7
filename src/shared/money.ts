// Integer-pence money: half-up basis-point rates, cumulative allocation and display formatting (DOMAIN.md §1).

/** Refuses anything that is not a safe integer, so a float can never slip into an amount. */
export function assertPence(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${what} must be an integer number of pence, got ${value}`);
  return value;
}

/** round(numerator / denominator), half away from zero, in integer arithmetic. */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  assertPence(numerator, 'numerator');
  assertPence(denominator, 'denominator');
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const result = Math.floor((n * 2 + denominator) / (denominator * 2));
  return sign * result;
}

/** amount × bps / 10 000, rounded half-up (1800 bps = 18%). */
export function applyBps(pence: number, bps: number): number {
  return divRoundHalfUp(assertPence(pence) * assertPence(bps, 'basis points'), 10_000);
}

/** amount × percent / 100, rounded half-up (discount codes). */
export function applyPercent(pence: number, percent: number): number {
  return divRoundHalfUp(assertPence(pence) * assertPence(percent, 'percentage'), 100);
}

/** The share of `total` for units (from, to] of `units`: round(T·to/U) − round(T·from/U). Shares always sum to T. */
export function allocate(total: number, units: number, from: number, to: number): number {
  assertPence(total, 'total');
  if (!Number.isSafeInteger(units) || units <= 0) throw new RangeError('units must be a positive integer');
  if (!(0 <= from && from <= to && to <= units))
    throw new RangeError(`range (${from}, ${to}] is outside 0..${units}`);
  return divRoundHalfUp(total * to, units) - divRoundHalfUp(total * from, units);
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** `£1,234.56`, negatives as `−£12.00` (U+2212), for display only. */
export function formatPence(pence: number): string {
  assertPence(pence);
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${negative ? '\u2212' : ''}£${groupThousands(String(pounds))}.${rest}`;
}

/** Pence as plain pounds for files (`-1234` → `-12.34`): no symbol, no grouping, exact for any integer. */
export function penceAsDecimal(pence: number): string {
  assertPence(pence);
  const abs = Math.abs(pence);
  return `${pence < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Parses what a person types (`1,234.5`, `£12`, `0.07`) into pence without floating point; null when unreadable. */
export function parsePounds(text: string): number | null {
  const match = /^\s*(-)?\s*£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const pounds = Number(match[2]!.replace(/,/g, ''));
  const pence = Number((match[3] ?? '').padEnd(2, '0'));
  const value = pounds * 100 + pence;
  if (!Number.isSafeInteger(value)) return null;
  return match[1] ? -value : value;
}
