// On the Overview: locked reconciliation periods that something changed after locking — flagged, never absorbed.
import { formatDay } from '@shared/dates';
import { buildHash } from '../../lib/router';
import { formatCount } from '../../lib/format';
import { useQueryMethod } from '../../lib/api';

export function LockedPeriodsNotice() {
  const locks = useQueryMethod('recon.locks', {}, { retry: false });
  const changed = (locks.data ?? []).filter((l) => l.lateChangeCount > 0);
  if (changed.length === 0) return null;
  return (
    <div className="notice notice--red" role="alert">
      <strong>Changes after a lock.</strong>{' '}
      {changed.map((l, i) => (
        <span key={l.id}>
          {i > 0 ? '; ' : ''}
          <a
            href={buildHash('/reconciliation', {
              kind: 'custom',
              from: l.from,
              to: l.to,
              report: l.reportId,
            })}
          >
            {formatDay(l.from)} – {formatDay(l.to)}
          </a>{' '}
          ({formatCount(l.lateChangeCount)} change{l.lateChangeCount === 1 ? '' : 's'})
        </span>
      ))}
      . The locked figures stand; finance reviews what changed and reconciles again.
    </div>
  );
}
