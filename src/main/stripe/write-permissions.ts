// The Stripe writes the console makes, as a restricted key's permissions: what each one enables, and how connecting
// checks a key has it without changing anything in Stripe.
import type Stripe from 'stripe';

export interface WritePermission {
  /** Our name for the permission (also the `resource` of a write the outbox sends). */
  name: 'transfers' | 'transfer_reversals' | 'refunds' | 'coupons' | 'promotion_codes';
  /** Where to switch it on in Stripe's restricted-key editor. */
  permission: string;
  /** What the console cannot do without it. */
  disables: string;
  /** A POST on the resource's endpoint (nothing here exists, and the one parameter is refused by Stripe). */
  probePath: string;
}

export const WRITE_PERMISSIONS: WritePermission[] = [
  {
    name: 'transfers',
    permission: 'Connect → Transfers: Write',
    disables: 'Friday payout runs: transfers to instructors.',
    probePath: '/v1/transfers',
  },
  {
    name: 'transfer_reversals',
    // Stripe has no row of its own for reversals: they are part of the Transfers permission.
    permission: 'Connect → Transfers: Write',
    disables: 'Clawbacks: reversing a transfer after refunding hours the instructor was already paid for.',
    probePath: '/v1/transfers/tr_lplatepermissionprobe/reversals',
  },
  {
    name: 'refunds',
    permission: 'Core → Refunds: Write',
    disables: 'Refunds approved in the console.',
    probePath: '/v1/refunds',
  },
  {
    name: 'coupons',
    permission: 'Products → Coupons: Write',
    disables: 'Creating discount and referral codes.',
    probePath: '/v1/coupons',
  },
  {
    name: 'promotion_codes',
    permission: 'Products → Promotion codes: Write',
    disables: 'Creating, pausing and resuming discount and referral codes.',
    probePath: '/v1/promotion_codes',
  },
];

export function writePermission(name: WritePermission['name']): WritePermission {
  return WRITE_PERMISSIONS.find((p) => p.name === name)!;
}

/**
 * Whether the key may write the resource. Stripe checks a restricted key's permissions before it reads any
 * parameter: without the permission it answers 403; with it, the probe's only parameter is unknown, so it answers
 * 400 (or 404 for the made-up transfer) and nothing happens either way. The probe still carries an idempotency key:
 * no write leaves the console without one.
 */
export async function mayWrite(
  stripe: Stripe,
  permission: WritePermission,
  probeId: string,
): Promise<boolean> {
  try {
    await stripe.rawRequest(
      'POST',
      permission.probePath,
      { lplate_permission_probe: 'true' },
      { idempotencyKey: `lplate-permission-probe:${probeId}:${permission.name}` },
    );
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 403) return false;
    if (status === 400 || status === 404) return true;
    throw error;
  }
  throw new Error(`Stripe accepted a permission probe on ${permission.probePath}; it should refuse it.`);
}
