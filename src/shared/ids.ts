// Recognising ids: the UUIDs the console uses for its rows, and the id-shaped words the audit log's id index holds
// and an audit search looks up (main and renderer alike, so the page can say what an id search matches).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/**
 * An id-shaped word: a Stripe-style id (`ch_3Nx…`, `acct_1…`, `pi_bench_54321`: letters, an underscore, and a digit
 * somewhere) or a UUID (eight hex digits and a hyphen first). Any word that starts with an id-shaped word is id-shaped
 * too, so a partly pasted id finds the whole ids it begins.
 */
const ID_WORD = /^(?:[a-z][a-z0-9]*_[a-z0-9_-]*[0-9][a-z0-9_-]*|[0-9a-f]{8}-[a-z0-9_-]*)$/i;
/** The words of a text: runs of letters, digits, `_` and `-`. */
const WORDS = /[A-Za-z0-9_-]+/g;

/** The id-shaped words of a text, as written (ids are case-sensitive). */
export function idWords(text: string): string[] {
  return (text.match(WORDS) ?? []).filter((w) => ID_WORD.test(w));
}

/** The id an audit search looks up in its id index, or null when the search is ordinary text. */
export function idSearch(q: string): string | null {
  const text = q.trim();
  return ID_WORD.test(text) ? text : null;
}

/** A JSON escape (`\n`, `\"`, `\u00e9`) would join its letter to the next word: each reads as a space. */
const ESCAPE = /\\(?:u[0-9a-fA-F]{4}|.)/g;

/** The distinct id-shaped words of an audit entry's stored old and new values (JSON text, keys included). */
export function valueIds(...values: (string | null)[]): string[] {
  const ids = new Set<string>();
  for (const text of values)
    if (text !== null) for (const w of idWords(text.replace(ESCAPE, ' '))) ids.add(w);
  return [...ids];
}
