// Settings → Stripe: the connection as everyone may see it (mode, account, key's last four, what the key cannot read
// or write, the backfill's progress); an admin connects, replaces the key or disconnects, each confirmed first.
import { useRef, useState } from 'react';
import type { OperatorView } from '@shared/contract/auth';
import type { SyncStatus } from '@shared/contract/sync';
import { apiErrorOf, canAccess, useMutationMethod } from '../../lib/api';
import {
  Badge,
  ConfirmDialog,
  DateTime,
  Dialog,
  ErrorState,
  Id,
  Skeleton,
  useToast,
} from '../../components/ui';
import { jobCounts, ProgressBar } from '../jobs/JobProgressBar';
import { JobParts, KeyAccess } from '../sync/KeyAccess';
import { useSync } from '../sync/useSync';
import { KeyForm } from './KeyForm';
import { MODE_LABEL } from './key-text';

export function StripeSection({ operator }: { operator: OperatorView }) {
  const { status, job } = useSync();
  const isAdmin = canAccess('stripe.connect', operator.role);
  const heading = useRef<HTMLHeadingElement>(null);
  const toast = useToast();
  const s = status.data;

  const connected = () => {
    toast('Stripe connected: the backfill has started.', 'info');
    heading.current?.focus();
  };

  return (
    <section className="panel panel--padded stripe-section" aria-labelledby="stripe-title" id="stripe">
      <h2 id="stripe-title" className="section-title" ref={heading} tabIndex={-1}>
        Stripe
      </h2>
      {status.isError ? (
        <ErrorState
          error={apiErrorOf(status.error)!}
          onRetry={() => void status.refetch()}
          title="Could not read the Stripe connection"
        />
      ) : !s ? (
        <Skeleton lines={4} />
      ) : s.connected ? (
        <Connected status={s} isAdmin={isAdmin} onReplaced={connected} job={job} />
      ) : isAdmin ? (
        <>
          <p className="stripe-section__intro">
            <Badge tone="grey">Not connected</Badge> Connect LPlate’s platform account: the console checks the
            key with Stripe (reads, and write checks that change nothing), lists what it cannot read or write,
            keeps it on this computer and never shows it again but for its last four characters. Then it
            backfills the account’s history.
          </p>
          <KeyForm submitLabel="Check and connect" onConnected={connected} />
        </>
      ) : (
        <p>
          <Badge tone="grey">Not connected</Badge> Stripe is not connected yet. An admin connects it here,
          under Settings → Stripe.
        </p>
      )}
    </section>
  );
}

function Connected({
  status: s,
  isAdmin,
  onReplaced,
  job,
}: {
  status: SyncStatus;
  isAdmin: boolean;
  onReplaced: () => void;
  job: SyncStatus['job'];
}) {
  const [dialog, setDialog] = useState<'replace' | 'disconnect' | null>(null);
  const toast = useToast();
  const disconnect = useMutationMethod('stripe.disconnect', {
    onSuccess: () => {
      setDialog(null);
      toast('Stripe disconnected: the key is deleted and syncing stopped.', 'info');
    },
  });
  const demo = s.mode === 'demo';
  const account = s.account;
  const last = s.job && s.job.state !== 'running' && s.job.state !== 'queued' ? s.job : null;

  return (
    <>
      <dl className="details stripe-details">
        <dt>Mode</dt>
        <dd>
          <Badge tone={s.mode === 'live' ? 'green' : 'amber'}>
            {s.mode ? MODE_LABEL[s.mode] : 'Unknown'}
          </Badge>
        </dd>
        <dt>Account</dt>
        <dd>
          {account ? (
            <>
              <strong>{account.name ?? 'Unnamed account'}</strong>{' '}
              <Id value={account.id} label="Stripe account" />
              {account.country ? <span className="muted"> · {account.country}</span> : null}
            </>
          ) : (
            <span className="muted">This key may not read the account’s name.</span>
          )}
        </dd>
        {demo ? null : (
          <>
            <dt>Key</dt>
            <dd>
              <code>…{s.keyLast4}</code> <span className="muted">(never shown in full)</span>
            </dd>
          </>
        )}
        <dt>Last sync</dt>
        <dd>
          <DateTime ms={s.lastSyncAt} empty="Not yet" />
        </dd>
      </dl>

      {job ? (
        <section className="drawer-section" aria-label="Backfill progress">
          <h3 className="drawer-section__title">
            {job.kind === 'backfill' ? 'Backfilling from Stripe' : 'Syncing with Stripe'}
          </h3>
          <div className="stripe-progress">
            <ProgressBar done={job.done} total={job.total} label={`${job.kind} progress`} />
            <span className="muted">
              {job.message} · {jobCounts(job)}
            </span>
          </div>
          <JobParts job={job} />
        </section>
      ) : last ? (
        <p className="stripe-section__last">
          <Badge tone={last.state === 'done' ? 'green' : 'red'}>
            {last.kind === 'backfill' ? 'Backfill' : 'Sync'} {last.state}
          </Badge>{' '}
          {last.message} {last.state === 'done' ? <a href="#/payments">Open Payments</a> : null}
        </p>
      ) : null}

      {s.unreadable.length || s.unwritable.length ? (
        <KeyAccess status={s} Title="h3" />
      ) : demo ? null : (
        <p className="muted">This key can read and write everything the console uses.</p>
      )}

      {demo ? (
        <p className="muted">
          This is the demo workspace, connected to the built-in Stripe simulator. To connect LPlate’s own
          account, open a real workspace (a folder of your own, see the README) and connect it there.
        </p>
      ) : isAdmin ? (
        <div className="stripe-section__actions">
          <button type="button" className="button" onClick={() => setDialog('replace')}>
            Replace key
          </button>
          <button type="button" className="button button--danger" onClick={() => setDialog('disconnect')}>
            Disconnect
          </button>
        </div>
      ) : (
        <p className="muted">Only an admin can replace the key or disconnect Stripe.</p>
      )}

      <Dialog
        open={dialog === 'replace'}
        title="Replace the Stripe key"
        onClose={() => setDialog(null)}
        description={
          <>
            The new key is checked with Stripe first; until it is accepted the console keeps using …
            {s.keyLast4}. A key for another Stripe account or mode is refused, since this workspace holds the
            data of {account?.name ?? account?.id ?? 'the connected account'}.
          </>
        }
      >
        <KeyForm
          submitLabel="Check and replace"
          onConnected={() => {
            setDialog(null);
            onReplaced();
          }}
          extraActions={
            <button type="button" className="button" onClick={() => setDialog(null)}>
              Cancel
            </button>
          }
        />
      </Dialog>
      <ConfirmDialog
        open={dialog === 'disconnect'}
        title="Disconnect Stripe"
        tone="danger"
        effect={
          <>
            Stop syncing with {account?.name ?? 'Stripe'} (
            {s.mode ? MODE_LABEL[s.mode].toLowerCase() : 'Stripe'}) and delete the key …{s.keyLast4} from this
            console.
          </>
        }
        notes="The data already synced stays. Stripe writes (codes, refunds, payouts) wait until a key is connected again, which needs the key pasted again."
        confirmLabel="Disconnect"
        pending={disconnect.isPending}
        error={apiErrorOf(disconnect.error)?.message ?? null}
        onConfirm={() => disconnect.mutate({})}
        onCancel={() => {
          disconnect.reset();
          setDialog(null);
        }}
      />
    </>
  );
}
