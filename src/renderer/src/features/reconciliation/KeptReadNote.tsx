// How fresh the Stripe read that reconciliation keeps is (recon.keptRead): a run of a period inside it reads only
// Stripe's changes since, and the background keeps it up to date; a failed refresh says so, with what to do.
import { formatDay, formatInstant } from '@shared/dates';
import { useQueryMethod } from '../../lib/api';

export function KeptReadNote() {
  const status = useQueryMethod('recon.keptRead', {});
  const s = status.data;
  if (!s) return null;
  const { kept, refresh } = s;
  const days = kept ? `${formatDay(kept.from)} – ${formatDay(kept.to)}` : '';
  const served = kept
    ? 'A run of a period inside it reads only Stripe’s changes since; any other period reads Stripe whole.'
    : 'Until it is kept, a run reads Stripe whole.';
  if (refresh?.state === 'failed')
    return (
      <div className="notice notice--amber recon-kept no-print" role="status">
        Background refresh of {formatInstant(refresh.at)}: {refresh.message}{' '}
        {kept ? `Stripe read kept up to ${formatInstant(kept.upTo)} for ${days}. ` : ''}
        {served}
      </div>
    );
  if (!kept)
    return (
      <div className="notice notice--grey recon-kept no-print" role="status">
        {refresh?.state === 'running'
          ? `Reading Stripe in the background for reconciliation (the first read; see Jobs). ${served}`
          : s.connected
            ? `No Stripe read is kept yet: the console reads it in the background every ${s.everyMinutes} minutes. ${served}`
            : 'Stripe is not connected, so no Stripe read is kept for reconciliation.'}
      </div>
    );
  const by = kept.background
    ? `refreshed in the background every ${s.everyMinutes} minutes`
    : 'kept by the last run that read Stripe whole';
  return (
    <div className="notice notice--grey recon-kept no-print" role="status">
      Stripe read kept up to {formatInstant(kept.upTo)} for {days}, {by}. {served}
    </div>
  );
}
