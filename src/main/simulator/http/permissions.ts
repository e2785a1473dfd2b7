// Restricted keys (rk_test_…) registered with permissions per resource, checked as Stripe does: 403, naming the permission.
import { StripeApiError } from '../core/errors';

/**
 * Resource names as the rows of Stripe's restricted-key editor and its `rak_<resource>_<read|write>` permissions.
 * Transfer reversals have no row of their own: they need `transfer` (the reversals routes belong to transfers).
 */
export const RESOURCES = [
  'account',
  'balance',
  'balance_transaction',
  'charge',
  'coupon',
  'dispute',
  'event',
  'payment_intent',
  'payout',
  'promotion_code',
  'refund',
  'transfer',
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Access = 'none' | 'read' | 'write';
export type Permissions = Partial<Record<Resource, Access>>;

const LEVEL: Record<Access, number> = { none: 0, read: 1, write: 2 };

/** Stripe's redaction of a key in error messages: the prefix, stars, the last four characters. */
export function redactKey(key: string): string {
  return `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
}

export class RestrictedKeys {
  private readonly keys = new Map<string, Permissions>();

  /** Registers (or replaces) a restricted key; resources it does not name get no access. */
  register(key: string, permissions: Record<string, unknown>): void {
    if (!/^rk_test_\w+$/.test(key)) throw new Error('key must look like rk_test_…');
    const checked: Permissions = {};
    for (const [resource, access] of Object.entries(permissions)) {
      if (!(RESOURCES as readonly string[]).includes(resource))
        throw new Error(`unknown resource ${resource}; one of ${RESOURCES.join(', ')}`);
      if (access !== 'none' && access !== 'read' && access !== 'write')
        throw new Error(`${resource} must be none, read or write`);
      checked[resource as Resource] = access;
    }
    this.keys.set(key, checked);
  }

  /** Stripe's 403 when a registered key lacks the access; undefined for sufficient or unregistered keys. */
  refusal(key: string, resource: Resource, method: string, account: string): StripeApiError | undefined {
    const permissions = this.keys.get(key);
    if (!permissions) return undefined;
    const need: Access = method === 'GET' ? 'read' : 'write';
    if (LEVEL[permissions[resource] ?? 'none'] >= LEVEL[need]) return undefined;
    return new StripeApiError(
      403,
      {
        type: 'invalid_request_error',
        message: `The provided key '${redactKey(key)}' does not have the required permissions for this endpoint on account '${account}'. Having the 'rak_${resource}_${need}' permission would allow this request to continue.`,
      },
      'validation',
    );
  }
}
