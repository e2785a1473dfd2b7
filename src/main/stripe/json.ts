// Small readers for loosely typed Stripe JSON: strings, integers, metadata, ids of expandable fields.

/** A stored Stripe object, parsed. */
export type StripeJson = Record<string, unknown> & { id: string; object: string };

export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
export const int = (v: unknown): number | null => (Number.isSafeInteger(v) ? (v as number) : null);
/** An expandable field: the id whether Stripe sent a string or the expanded object. */
export const idOf = (v: unknown): string | null =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? str((v as { id?: unknown }).id) : null;
export const metadataOf = (o: StripeJson): Record<string, string> =>
  o.metadata && typeof o.metadata === 'object' ? (o.metadata as Record<string, string>) : {};
/** Stripe's `created` (seconds) as epoch milliseconds. */
export const createdMs = (o: Record<string, unknown>): number => (int(o.created) ?? 0) * 1000;
/** A positive whole number written as text in metadata (`"3"`), else null. */
export function metaInt(v: unknown): number | null {
  if (typeof v !== 'string' || !/^\d{1,9}$/.test(v)) return null;
  return Number(v);
}
