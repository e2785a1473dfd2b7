// Says, wherever payable or liability is shown, that lesson completions are missing or stale (with the date of the
// last import), so nobody reads an incomplete figure — or a negative payable — as the truth.
import type { CompletionsStatus } from '@shared/contract/credits';
import { STALE_COMPLETIONS_DAYS } from '@shared/contract/credits';
import { canAccess, useQueryMethod } from '../../lib/api';
import { DateTime, Money } from '../../components/ui';

/** The completions' status, or null while unknown; `incomplete` is true when payable and liability cannot be trusted. */
export function useCompletionsStatus(): { status: CompletionsStatus | null; incomplete: boolean } {
  const q = useQueryMethod('completions.status', {});
  const status = q.data ?? null;
  return { status, incomplete: status !== null && status.state !== 'current' };
}

export function CompletionsNotice({ what }: { what: string }) {
  const { status, incomplete } = useCompletionsStatus();
  const role = useQueryMethod('auth.status', {}).data?.operator?.role;
  if (!status || !incomplete) return null;
  const mayImport = canAccess('completions.import', role);
  return (
    <div className="notice notice--amber" role="status" data-testid="completions-notice">
      <strong>{what} incomplete.</strong>{' '}
      {status.state === 'missing' ? (
        <>No lesson completions have been imported yet.</>
      ) : (
        <>
          No lesson completion recorded for more than {STALE_COMPLETIONS_DAYS} days (the last on{' '}
          <DateTime ms={status.lastRecordedAt} />
          {status.lastImportAt ? (
            <>
              ; last import <DateTime ms={status.lastImportAt} />
            </>
          ) : null}
          ).
        </>
      )}{' '}
      Payments and transfers arrive from Stripe, lessons only from the marketplace’s import, so what
      instructors are owed and what learners hold cannot be worked out until the completions are imported.{' '}
      {mayImport ? <a href="#/credits">Import completions on the Credits page.</a> : null}
    </div>
  );
}

/** What an instructor is owed; while completions are incomplete a negative figure is shown as not known, not as a debt. */
export function OwedMoney({ pence }: { pence: number }) {
  const { incomplete } = useCompletionsStatus();
  if (incomplete && pence < 0)
    return (
      <span
        className="muted"
        title="Transfers arrived without the lessons that earned them: completions are missing."
      >
        Not known
      </span>
    );
  return <Money pence={pence} />;
}
