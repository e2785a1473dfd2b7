// Saved reconciliation runs, newest first: period, outcome, who ran it, whether the period is locked.
import type { ReconRunRow } from '@shared/contract/recon';
import { formatDay } from '@shared/dates';
import { useQueryMethod } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { Badge, DateTime, Money } from '../../components/ui';

export function RunsHistory({
  openId,
  onOpen,
}: {
  openId: string | null;
  onOpen: (run: ReconRunRow) => void;
}) {
  const history = useQueryMethod('recon.history', { page: 1, pageSize: 20 });
  const rows = history.data?.rows ?? [];
  return (
    <section className="panel panel--padded no-print" aria-labelledby="recon-history-title">
      <h2 id="recon-history-title" className="section-title">
        Runs {history.data ? <span className="muted">({formatCount(history.data.total)})</span> : null}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">No runs yet. Pick a period and run its reconciliation: each run is kept here.</p>
      ) : (
        <table className="table" aria-label="Reconciliation runs">
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="cell--right">
                Net revenue
              </th>
              <th scope="col">Run</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={r.id}
                className={r.id === openId ? 'row--selected' : undefined}
                tabIndex={0}
                onClick={() => onOpen(r)}
                onKeyDown={(e) => e.key === 'Enter' && onOpen(r)}
              >
                <td>
                  {formatDay(r.period.from)} – {formatDay(r.period.to)}{' '}
                  <span className="muted">({r.period.kind})</span>
                </td>
                <td>
                  {r.status === 'reconciled' ? (
                    <Badge tone="green">Reconciled</Badge>
                  ) : (
                    <Badge tone="red">{formatCount(r.discrepancies)} discrepancies</Badge>
                  )}{' '}
                  {r.locked ? <Badge tone="grey">Locked</Badge> : null}
                </td>
                <td className="cell--right">
                  <Money pence={r.totals.revenuePence} />
                </td>
                <td>
                  <DateTime ms={r.ranAt} />
                </td>
                <td>{r.ranBy ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
