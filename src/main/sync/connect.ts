// Connecting and disconnecting Stripe: check the key with read calls, find what a restricted key cannot read, store it.
import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';
import type { CoreServices } from '../api/context';
import { AppError, fieldError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import { keyMode, type StripeGateway } from '../stripe/gateway';
import { RESOURCES } from '../stripe/resources';
import { mayWrite, WRITE_PERMISSIONS } from '../stripe/write-permissions';
import { openWritesElsewhere, releaseHeldWrites } from '../outbox/requests';
import { STRIPE_KEY_SECRET, type SyncEngine } from './engine';
import { deleteState, readState, writeState } from './state';

const EVENTS_PROBE = {
  name: 'events',
  disables: 'Incremental sync: without events the console only learns of changes by a backfill.',
};

const statusOf = (error: unknown) => (error as { statusCode?: number }).statusCode;
const isPermission = (error: unknown) =>
  statusOf(error) === 403 || (error as { type?: string }).type === 'StripePermissionError';

export interface KeyCheck {
  account: { id: string; name: string | null } | null;
  unreadable: { resource: string; disables: string }[];
  /** Writes a restricted key may not make, the permission to add, and what that disables. */
  unwritable: { resource: string; permission: string; disables: string }[];
}

/** Reads the platform account (if the key may) and lists one of each resource to see what the key can read. */
export async function checkKey(gateway: StripeGateway): Promise<KeyCheck> {
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
  let anyReadable = false;
  for (const p of probes) {
    try {
      await gateway.call(p.endpoint, p.probe);
      anyReadable = true;
    } catch (error) {
      if (statusOf(error) === 401 || (error as { type?: string }).type === 'StripeAuthenticationError')
        throw fieldError('secretKey', 'Stripe rejected this key.');
      if (!isPermission(error))
        throw new AppError('stripe', `Stripe could not be checked: ${(error as Error).message}`);
      unreadable.push({ resource: p.name, disables: p.disables });
    }
  }
  if (!anyReadable) throw fieldError('secretKey', 'This key cannot read anything the console needs.');
  const unwritable: KeyCheck['unwritable'] = [];
  const probeId = randomUUID();
  for (const p of WRITE_PERMISSIONS) {
    try {
      if (!(await gateway.call(`POST ${p.probePath}`, (s) => mayWrite(s, p, probeId))))
        unwritable.push({ resource: p.name, permission: p.permission, disables: p.disables });
    } catch (error) {
      throw new AppError('stripe', `Stripe could not be checked: ${(error as Error).message}`);
    }
  }
  let account: KeyCheck['account'] = null;
  try {
    const a = await gateway.call('GET /v1/account', (s) => s.accounts.retrieveCurrent());
    account = {
      id: a.id,
      name: a.settings?.dashboard?.display_name ?? a.business_profile?.name ?? null,
    };
  } catch {
    // A restricted key may not read the platform account; the console works without its name.
  }
  return { account, unreadable, unwritable };
}

function storeKey(engine: SyncEngine, secretKey: string): void {
  const secrets = engine.options.secrets;
  if (!secrets) throw new AppError('internal', 'This console has no place to keep the Stripe key.');
  try {
    secrets.set(STRIPE_KEY_SECRET, secretKey);
  } catch (error) {
    // The headless host reads the key from its environment: accept the key it already has.
    if (secrets.get(STRIPE_KEY_SECRET) !== secretKey)
      throw new AppError('validation', (error as Error).message);
  }
}

/** Checks, stores and records a key, then queues the first backfill (its job id is returned). */
export async function connectStripe(
  services: Pick<CoreServices, 'sqlite' | 'clock' | 'workspace' | 'outbox'>,
  engine: SyncEngine,
  secretKey: string,
  by: { userId: string | null; demo?: boolean },
): Promise<string> {
  const mode = by.demo ? 'demo' : keyMode(secretKey);
  engine.forgetGateway();
  const check = await checkKey(engine.gatewayFor(secretKey));
  const { sqlite } = services;
  // Writes asked of one account are never sent to another: it has to wait until they have settled.
  const stranded = openWritesElsewhere(sqlite, { mode, account: check.account?.id ?? null });
  if (stranded > 0)
    throw new AppError(
      'conflict',
      'Stripe writes asked of the account connected before are still open. Let their jobs finish (or cancel them) before connecting another account or mode.',
    );
  if (!by.demo) storeKey(engine, secretKey);
  const now = services.clock.now();
  const before = readState(sqlite, 'connected') ? readState(sqlite, 'mode') : null;
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', true, now);
    writeState(sqlite, 'mode', mode, now);
    writeState(sqlite, 'key_last4', secretKey.slice(-4), now);
    writeState(sqlite, 'unreadable', check.unreadable, now);
    writeState(sqlite, 'unwritable', check.unwritable, now);
    if (check.account) writeState(sqlite, 'account', check.account, now);
    else deleteState(sqlite, 'account');
    appendAudit(sqlite, {
      entityType: 'stripe_connection',
      entityId: check.account?.id ?? 'stripe',
      action: 'connect',
      oldValues: before ? { mode: before } : null,
      newValues: {
        mode,
        key_last4: secretKey.slice(-4),
        unreadable: check.unreadable.map((u) => u.resource),
        unwritable: check.unwritable.map((u) => u.resource),
      },
      userId: by.userId,
      actor: by.userId ? 'operator' : 'system',
      createdAt: now,
    });
    // A new key may have the permission an earlier one lacked: writes held for it may go again.
    releaseHeldWrites(sqlite, now);
  })();
  services.workspace.mode = mode;
  services.outbox.sender.kick();
  return engine.run('backfill');
}

export function disconnectStripe(
  services: Pick<CoreServices, 'sqlite' | 'clock' | 'workspace' | 'jobs'>,
  engine: SyncEngine,
  userId: string,
): void {
  const { sqlite } = services;
  const now = services.clock.now();
  const job = engine.job();
  if (job?.state === 'running') services.jobs.cancel(job.jobId);
  const mode = readState(sqlite, 'mode');
  if (mode !== 'demo') {
    try {
      engine.options.secrets?.delete(STRIPE_KEY_SECRET);
    } catch {
      // The environment's key cannot be deleted from here; it is no longer used.
    }
  }
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', false, now);
    deleteState(sqlite, 'key_last4', 'unreadable', 'unwritable', 'account');
    appendAudit(sqlite, {
      entityType: 'stripe_connection',
      entityId: 'stripe',
      action: 'disconnect',
      oldValues: { mode },
      newValues: null,
      userId,
      actor: 'operator',
      createdAt: now,
    });
  })();
  engine.forgetGateway();
  services.workspace.mode = 'none';
}
