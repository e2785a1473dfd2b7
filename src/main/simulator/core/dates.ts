// Calendar helpers on epoch seconds: UTC days, Europe/London dates and the Friday payout rule.
export const DAY = 86_400;
export const HOUR = 3_600;

export function parseInstant(value: string | number): number {
  if (typeof value === 'number') return Math.floor(value);
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${value}`);
  return Math.floor(ms / 1000);
}

export function startOfUtcDay(t: number): number {
  return t - (((t % DAY) + DAY) % DAY);
}

/** Saturday or Sunday (UTC) for an instant. */
function isWeekend(t: number): boolean {
  const d = new Date(t * 1000).getUTCDay();
  return d === 0 || d === 6;
}

/**
 * 00:00 UTC of the day `days` business days (Monday–Friday; UK bank holidays are not modelled) after the
 * UTC day of `t`: when Stripe makes a charge's funds available (`available_on`) under `delay_days`.
 */
export function addBusinessDays(t: number, days: number): number {
  let day = startOfUtcDay(t);
  for (let n = 0; n < days; n++) {
    day += DAY;
    while (isWeekend(day)) day += DAY;
  }
  return day;
}

export function isoDate(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

const londonFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Europe/London calendar date (YYYY-MM-DD) of an instant. */
export function londonDate(t: number): string {
  return londonFormatter.format(new Date(t * 1000));
}

/** Day of week (0 = Sunday) of a YYYY-MM-DD date. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  return isoDate(parseInstant(date) + days * DAY);
}

/** DOMAIN.md §5: the first Friday on or after completion date + 7 days. */
export function payableFriday(completionDate: string): string {
  const base = addDays(completionDate, 7);
  return addDays(base, (5 - weekday(base) + 7) % 7);
}
