// What the code forms share: a readable random code, whole numbers read from text fields, and the checks made before
// anything is sent (the main process checks again; its answer shows against the same fields).
import { GENERATED_LENGTH, READABLE_ALPHABET } from '@shared/codes';
import { dateError, formatDay, ISO_DATE } from '@shared/dates';

/** A random code of GENERATED_LENGTH readable characters (no 0/O, 1/I/L…), with an optional prefix and a dash. */
export function randomCode(prefix = ''): string {
  const n = READABLE_ALPHABET.length;
  // Bytes at or above the largest multiple of n would favour the first letters: draw again.
  const limit = 256 - (256 % n);
  let tail = '';
  while (tail.length < GENERATED_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(GENERATED_LENGTH * 2));
    for (const b of bytes) if (b < limit && tail.length < GENERATED_LENGTH) tail += READABLE_ALPHABET[b % n];
  }
  const head = prefix.trim().toUpperCase().replace(/-+$/, '');
  return head ? `${head}-${tail}` : tail;
}

/** A whole number typed in a field: the number, null when blank, or NaN when it is not a whole number. */
export function wholeNumber(text: string): number | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

export function percentageProblem(text: string): string | null {
  const n = wholeNumber(text);
  if (n === null) return 'Say how many percent off (1 to 100).';
  if (Number.isNaN(n) || n < 1 || n > 100) return 'A whole number of percent from 1 to 100.';
  return null;
}

/** Max uses: blank is no limit; otherwise at least 1 and at least the uses so far. */
export function maxUsesProblem(text: string, usedSoFar = 0, code?: string): string | null {
  const n = wholeNumber(text);
  if (n === null) return null;
  if (Number.isNaN(n) || n < 1) return 'A whole number of at least 1, or blank for no limit.';
  if (n > 1_000_000) return 'At most 1,000,000 (or blank for no limit).';
  if (n < usedSoFar)
    return `${code ?? 'This code'} has been used ${usedSoFar} time${usedSoFar === 1 ? '' : 's'}: the limit cannot be lower than that.`;
  return null;
}

export function expiryProblem(date: string, today: string): string | null {
  if (!date) return null;
  if (!ISO_DATE.test(date)) return dateError(date) ?? 'A date as DD/MM/YYYY, or blank for never.';
  if (date < today)
    return `${formatDay(date)} is in the past (today is ${formatDay(today)}); a code works until the end of its expiry date.`;
  return null;
}

/** Only the messages that are set. */
export function problems(map: Record<string, string | null>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (v) out[k] = v;
  return out;
}
