// What a pasted Stripe key looks like, checked in the renderer before it is sent (main checks it again with zod).
import { contract } from '@shared/contract';

/** Null when the text is a whole secret or restricted key; else what is wrong, in words. */
export function keyProblem(text: string): string | null {
  const key = text.trim();
  if (!key) return 'Paste the key first.';
  if (/^pk_/.test(key))
    return 'This is a publishable key (pk_…): paste the secret (sk_…) or restricted (rk_…) key.';
  const parsed = contract['stripe.connect'].input.safeParse({ secretKey: key });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'This is not a Stripe key.');
}

export const MODE_LABEL = { demo: 'Demo', test: 'Test mode', live: 'Live' } as const;
