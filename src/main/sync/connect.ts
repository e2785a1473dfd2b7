// Connecting and disconnecting Stripe: check the key, refuse one that would mix two accounts' money, store it.
import type { CoreServices } from '../api/context';
import { AppError } from '../api/errors';
import { appendAudit } from '../audit/chain';
import type { Sqlite } from '../db/open';
import { keyMode, StripeGateway } from '../stripe/gateway';
import { openWritesElsewhere, releaseHeldWrites } from '../outbox/requests';
import { checkKey, type KeyCheck } from './check-key';
import { STRIPE_KEY_SECRET, type SyncEngine } from './engine';
import { deleteState, readState, writeState } from './state';

export { checkKey, type KeyCheck } from './check-key';

const MODE_WORDS = { demo: 'demo', test: 'test-mode', live: 'live' } as const;

/** A gateway for the check alone: a few quick retries, so a network failure is told within seconds. */
function checkingGateway(engine: SyncEngine, secretKey: string): StripeGateway {
  const retry = engine.options.retry;
  return new StripeGateway({
    secretKey,
    api: engine.options.stripeApi,
    ratePerSecond: 0,
    retry: { ...retry, maxAttempts: Math.min(3, retry?.maxAttempts ?? 3) },
  });
}

/**
 * A workspace's ledger is one Stripe account in one mode: a key for another account, or the other mode, is refused
 * once the workspace holds Stripe data (it would mix two sets of money), and while writes asked of the account
 * connected before are still open (they are only ever sent to it).
 */
function refuseOtherAccount(sqlite: Sqlite, mode: 'demo' | 'test' | 'live', check: KeyCheck): void {
  const hasData = sqlite.prepare('SELECT 1 FROM stripe_objects LIMIT 1').pluck().get() !== undefined;
  const before = { mode: readState(sqlite, 'mode'), account: readState(sqlite, 'account') };
  const named = (a: { id: string; name: string | null }) => (a.name ? `${a.name} (${a.id})` : a.id);
  const newWorkspace = 'Open a new workspace folder for it (npm run serve -- --workspace NEW_FOLDER).';
  if (hasData && before.mode && before.mode !== mode)
    throw new AppError(
      'conflict',
      `This workspace holds ${MODE_WORDS[before.mode]} data, and this is a ${MODE_WORDS[mode]} key: connecting it would mix the two in one ledger. ${newWorkspace}`,
    );
  if (hasData && before.account && check.account && before.account.id !== check.account.id)
    throw new AppError(
      'conflict',
      `This workspace holds the data of ${named(before.account)}, and this key is for ${named(check.account)}: connecting it would mix two accounts' money in one ledger. ${newWorkspace}`,
    );
  const stranded = openWritesElsewhere(sqlite, { mode, account: check.account?.id ?? null });
  if (stranded > 0)
    throw new AppError(
      'conflict',
      'Stripe writes asked of the account connected before are still open, and they are only ever sent to that account. Let their jobs finish (or cancel them under Jobs) before connecting another account or mode.',
    );
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
  const check = await checkKey(checkingGateway(engine, secretKey));
  const { sqlite } = services;
  refuseOtherAccount(sqlite, mode, check);
  if (!by.demo) storeKey(engine, secretKey);
  engine.forgetGateway();
  const now = services.clock.now();
  const before = readState(sqlite, 'connected')
    ? {
        mode: readState(sqlite, 'mode'),
        account: readState(sqlite, 'account')?.id ?? null,
        key_last4: readState(sqlite, 'key_last4'),
      }
    : null;
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', true, now);
    writeState(sqlite, 'mode', mode, now);
    writeState(sqlite, 'key_last4', secretKey.slice(-4), now);
    writeState(sqlite, 'unreadable', check.unreadable, now);
    writeState(sqlite, 'unwritable', check.unwritable, now);
    // A key that may not read the account keeps the one recorded before (the workspace's data is still its).
    if (check.account) writeState(sqlite, 'account', check.account, now);
    appendAudit(sqlite, {
      entityType: 'stripe_connection',
      entityId: check.account?.id ?? 'stripe',
      action: 'connect',
      oldValues: before,
      newValues: {
        mode,
        account: check.account?.id ?? null,
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
  if (!engine.connected)
    throw new AppError('conflict', 'Stripe is not connected: there is nothing to disconnect.');
  const now = services.clock.now();
  const job = engine.job();
  if (job?.state === 'running') services.jobs.cancel(job.jobId);
  const mode = readState(sqlite, 'mode');
  const account = readState(sqlite, 'account')?.id ?? null;
  const keyLast4 = readState(sqlite, 'key_last4');
  if (mode !== 'demo') {
    try {
      engine.options.secrets?.delete(STRIPE_KEY_SECRET);
    } catch {
      // The environment's key cannot be deleted from here; it is no longer used.
    }
  }
  sqlite.transaction(() => {
    writeState(sqlite, 'connected', false, now);
    deleteState(sqlite, 'key_last4', 'unreadable', 'unwritable');
    appendAudit(sqlite, {
      entityType: 'stripe_connection',
      entityId: account ?? 'stripe',
      action: 'disconnect',
      oldValues: { mode, account, key_last4: keyLast4 },
      newValues: null,
      userId,
      actor: 'operator',
      createdAt: now,
    });
  })();
  engine.forgetGateway();
  services.workspace.mode = 'none';
}
