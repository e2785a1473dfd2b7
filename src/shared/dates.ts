// Calendar dates in Europe/London (YYYY-MM-DD), instants as epoch milliseconds, and the Friday payout rule.

const LONDON = 'Europe/London';
const dayFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** Numeric parts only: month names come from our own table, since ICU versions disagree ("Sep" vs "Sept"). */
const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether a YYYY-MM-DD text names a day that exists (no 2099-02-31, no month 13, no day 0). */
export function isRealDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The Europe/London calendar date of an instant. */
export function londonDate(epochMs: number): string {
  return dayFormatter.format(new Date(epochMs));
}

/** Adds whole days to a calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** 0 = Sunday … 5 = Friday … 6 = Saturday, for a calendar date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The first Friday on or after a date. */
export function fridayOnOrAfter(date: string): string {
  return addDays(date, (5 - weekday(date) + 7) % 7);
}

/** DOMAIN.md §5: an earning is payable on the first Friday on or after completion date + 7 days. */
export function payableFriday(completedAtMs: number): string {
  return fridayOnOrAfter(addDays(londonDate(completedAtMs), 7));
}

/** The UTC instant at which a London calendar date begins (an hour earlier in BST). */
export function londonMidnight(date: string): number {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const anHourBefore = utcMidnight - 3_600_000;
  return londonDate(anHourBefore) === date ? anHourBefore : utcMidnight;
}

/** The London wall-clock time of an instant as `{ date: 'YYYY-MM-DD', time: 'HH:MM' }` (for date and time inputs). */
export function londonWallClock(epochMs: number): { date: string; time: string } {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    partsFormatter.formatToParts(new Date(epochMs)).find((p) => p.type === type)!.value;
  return { date: londonDate(epochMs), time: `${part('hour')}:${part('minute')}` };
}

/** The instant of a London wall-clock time (`HH:MM` on a date); in the hour the clocks skip, the hour after. */
export function londonInstant(date: string, time: string): number {
  const naive = Date.parse(`${date}T${time}:00Z`);
  const offsetAt = (ms: number) => {
    const w = londonWallClock(ms);
    return Date.parse(`${w.date}T${w.time}:00Z`) - ms;
  };
  const first = naive - offsetAt(naive);
  return naive - offsetAt(first);
}

/** `25 Nov 2026 09:14`, Europe/London, for display. */
export function formatInstant(epochMs: number): string {
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    partsFormatter.formatToParts(new Date(epochMs)).find((p) => p.type === type)!.value;
  return `${Number(part('day'))} ${MONTHS[Number(part('month')) - 1]} ${part('year')} ${part('hour')}:${part('minute')}`;
}

/** `Fri 27 Nov 2026`, for display of a calendar date. */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[weekday(date)]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** `27/11/2026`: a calendar date as UK forms write it. */
export function formatUkDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * Reads a UK-written date (`27/11/2026`, `27/11/26`, `7/1/2027`) for a form field: `{ date }` (YYYY-MM-DD) or `{ error }` saying why it was refused —
 * not written as DD/MM/YYYY, or a day that does not exist (31/02/2026).
 */
export function readUkDate(text: string): { date: string } | { error: string } {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$/.exec(text);
  if (!match) return { error: 'Enter a date as DD/MM/YYYY, such as 04/12/2026.' };
  const year = match[3]!.length === 2 ? `20${match[3]}` : match[3]!;
  const date = `${year}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  if (!isRealDate(date)) return { error: `${text.trim()} is not a real date: check the day and month.` };
  return { date };
}

export interface DateRules {
  /** Earliest allowed day (YYYY-MM-DD). */
  min?: string | undefined;
  /** Latest allowed day (YYYY-MM-DD). */
  max?: string | undefined;
  /** A further rule on a real day (say, "must be a Friday"): the message, or null when it passes. */
  check?: ((date: string) => string | null) | undefined;
}

/**
 * Why a date field's value is refused, or null: the value is YYYY-MM-DD, '' (blank, left to the form) or the text
 * typed when it named no real day. Forms check it again on submit so a refused date never reaches the server.
 */
export function dateError(value: string, { min, max, check }: DateRules = {}): string | null {
  if (value.trim() === '') return null;
  if (!ISO_DATE.test(value)) {
    const read = readUkDate(value);
    return 'error' in read ? read.error : null;
  }
  if (min && value < min) return `Must be on or after ${formatUkDate(min)}.`;
  if (max && value > max) return `Must be on or before ${formatUkDate(max)}.`;
  return check?.(value) ?? null;
}
