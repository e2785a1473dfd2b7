// The earnings behind what one instructor is owed on a Friday: each lesson, learner, hours, rate and what is left.
import type { PreviewRow } from '@shared/contract/payouts';
import { formatDay } from '@shared/dates';
import { DateTime, Drawer, DrawerSection, Money, Skeleton } from '../../components/ui';
import { useQueryMethod } from '../../lib/api';

export function EarningsDrawer({
  row,
  date,
  onClose,
}: {
  row: PreviewRow | null;
  date: string;
  onClose: () => void;
}) {
  const earnings = useQueryMethod(
    'payouts.earnings',
    { date, instructorId: row?.instructor.id ?? '00000000-0000-4000-8000-000000000000' },
    { enabled: Boolean(row) },
  );
  return (
    <Drawer
      open={Boolean(row)}
      title={row?.instructor.name ?? ''}
      subtitle={`Owed on ${formatDay(date)}`}
      onClose={onClose}
    >
      {row ? (
        <>
          <DrawerSection title="How it adds up">
            <dl className="payout-sum">
              <dt>Earned by {formatDay(date)}</dt>
              <dd>
                <Money pence={row.earningsPence} />
              </dd>
              <dt>Already transferred</dt>
              <dd>
                <Money pence={-row.transferredPence} />
              </dd>
              <dt>Clawbacks</dt>
              <dd>
                <Money pence={-row.clawbacksPence} />
              </dd>
              <dt>Owed</dt>
              <dd>
                <Money pence={row.owedPence} />
              </dd>
            </dl>
            {row.held ? <div className="notice notice--amber">{row.held.reason}</div> : null}
            {row.outsideTransfers.map((t) => (
              <div key={t.transferId} className="notice notice--amber">
                <Money pence={t.amountPence} inline /> was transferred outside the console ({t.transferId},{' '}
                <DateTime ms={t.createdAt} />
                ): it counts as paid against the oldest earnings and is never paid again.
              </div>
            ))}
          </DrawerSection>
          <DrawerSection title="Lessons still owed">
            {earnings.data ? (
              <table className="table table--static" aria-label="Lessons still owed">
                <thead>
                  <tr>
                    <th>Completed</th>
                    <th>Learner</th>
                    <th className="num">Hours</th>
                    <th className="num">Rate</th>
                    <th className="num">Owed</th>
                  </tr>
                </thead>
                <tbody>
                  {earnings.data.map((e) => (
                    <tr key={e.earningId}>
                      <td>
                        <DateTime ms={e.completedAt} />
                      </td>
                      <td>{e.learner.name}</td>
                      <td className="num">{e.hours} h</td>
                      <td className="num">
                        <Money pence={e.ratePence} inline />
                      </td>
                      <td className="num">
                        <Money pence={e.owedPence} inline />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Skeleton lines={4} />
            )}
          </DrawerSection>
        </>
      ) : null}
    </Drawer>
  );
}
