// The rules of a code's text (DOMAIN.md §3), shared by the contract's validation and the Codes page's forms.

/** Stored upper case; learners may type it in any case. */
export const CODE_PATTERN = /^[A-Z0-9-]{4,32}$/;

/** What generated codes are made of: no 0/O, 1/I/L, 5/S, 2/Z or 8/B to misread on a receipt or over the phone. */
export const READABLE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** Random characters after a generated code's prefix (25^6 ≈ 244 million codes per prefix). */
export const GENERATED_LENGTH = 6;

/** A prefix leaves room for its dash and the random part. */
export const PREFIX_MAX = 32 - GENERATED_LENGTH - 1;

/** Why a typed code is not a valid code, or null when it is (after trimming and upper-casing). */
export function codeProblem(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (code.length < 4 || code.length > 32)
    return `A code has 4 to 32 characters; “${code}” has ${code.length}.`;
  const bad = [...new Set(code.replace(/[A-Z0-9-]/g, ''))];
  if (bad.length > 0)
    return `A code uses only letters A–Z, digits and dashes; “${code}” has ${bad.map((c) => `“${c}”`).join(', ')}.`;
  return null;
}
