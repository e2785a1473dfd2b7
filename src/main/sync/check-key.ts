// Checking a Stripe key before it is kept: what it can read, which writes it may make, whose account it is — and
// what went wrong, in words an admin can act on, when Stripe refuses it or cannot be reached.
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import { AppError, fieldError } from '../api/errors';
import type { StripeGateway } from '../stripe/gateway';
import { RESOURCES } from '../stripe/resources';
import { mayWrite, WRITE_PERMISSIONS } from '../stripe/write-permissions';

const EVENTS_PROBE = {
  name: 'events',
  disables: 'Incremental sync: without events the console only learns of changes by a backfill.',
};

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;
const typeOf = (error: unknown) => (error as { type?: string }).type;
const isPermission = (error: unknown) => statusOf(error) === 403 || typeOf(error) === 'StripePermissionError';
const isRejectedKey = (error: unknown) =>
  statusOf(error) === 401 || typeOf(error) === 'StripeAuthenticationError';

export interface KeyCheck {
  account: { id: string; name: string | null; country: string | null } | null;
  unreadable: { resource: string; disables: string }[];
  /** Writes a restricted key may not make, the permission to add, and what that disables. */
  unwritable: { resource: string; permission: string; disables: string }[];
}

/** The refusal an admin sees when a check could not finish: nothing was kept, and what to do next. */
function checkFailed(error: unknown): AppError {
  if (isRejectedKey(error))
    return fieldError(
      'secretKey',
      'Stripe rejected this key. Check that it was copied whole, and that it has not been rolled or deleted in the Stripe Dashboard (Developers → API keys).',
    );
  const message = (error as Error).message;
  if (statusOf(error) === undefined || typeOf(error) === 'StripeConnectionError')
    return new AppError(
      'stripe',
      `Stripe could not be reached to check the key (${message}). Check this computer's connection to the internet and try again; nothing was changed.`,
    );
  return new AppError(
    'stripe',
    `Stripe could not check the key: ${message} Try again in a minute; nothing was changed.`,
  );
}

async function probeReads(gateway: StripeGateway): Promise<KeyCheck['unreadable']> {
  const unreadable: KeyCheck['unreadable'] = [];
  const probes = [
    ...RESOURCES.map((r) => ({
      name: r.name,
      disables: r.disables,
      probe: (s: Stripe) => r.list(s, { limit: 1 }),
      endpoint: r.endpoint,
    })),
    { ...EVENTS_PROBE, probe: (s: Stripe) => s.events.list({ limit: 1 }), endpoint: 'GET /v1/events' },
  ];
  for (const p of probes) {
    try {
      await gateway.call(p.endpoint, p.probe);
    } catch (error) {
      if (!isPermission(error)) throw checkFailed(error);
      unreadable.push({ resource: p.name, disables: p.disables });
    }
  }
  if (unreadable.length === probes.length)
    throw fieldError(
      'secretKey',
      'This key cannot read anything the console needs. Give the restricted key Read on the resources listed in the docs, or use a secret key.',
    );
  return unreadable;
}

async function probeWrites(gateway: StripeGateway): Promise<KeyCheck['unwritable']> {
  const unwritable: KeyCheck['unwritable'] = [];
  const probeId = randomUUID();
  for (const p of WRITE_PERMISSIONS) {
    try {
      if (!(await gateway.call(`POST ${p.probePath}`, (s) => mayWrite(s, p, probeId))))
        unwritable.push({ resource: p.name, permission: p.permission, disables: p.disables });
    } catch (error) {
      throw checkFailed(error);
    }
  }
  return unwritable;
}

/** Reads the platform account (if the key may), lists one of each resource and probes each write permission. */
export async function checkKey(gateway: StripeGateway): Promise<KeyCheck> {
  const unreadable = await probeReads(gateway);
  const unwritable = await probeWrites(gateway);
  let account: KeyCheck['account'] = null;
  try {
    const a = await gateway.call('GET /v1/account', (s) => s.accounts.retrieveCurrent());
    account = {
      id: a.id,
      name: a.settings?.dashboard?.display_name ?? a.business_profile?.name ?? null,
      country: a.country ?? null,
    };
  } catch (error) {
    // A restricted key may not read the platform account; the console works without its name.
    if (!isPermission(error)) throw checkFailed(error);
  }
  return { account, unreadable, unwritable };
}
