// One instructor: why they cannot be paid (if so), their Connect account and requirements, and their money in one place.
import type { InstructorRow } from '@shared/contract/instructors';
import { Drawer, Id, Money } from '../../components/ui';
import { Capability, ConnectBadge } from './connect';

export function InstructorDrawer({
  instructor: r,
  onClose,
}: {
  instructor: InstructorRow | null;
  onClose: () => void;
}) {
  if (!r) return null;
  return (
    <Drawer open title={r.name} subtitle={r.email} onClose={onClose}>
      {r.flag ? (
        <div className="notice notice--red" role="alert">
          <strong>Cannot be paid.</strong> {r.flag.reason}
        </div>
      ) : null}
      <dl className="details">
        <dt>Connect account</dt>
        <dd>
          {r.connect ? (
            <Id value={r.connect.accountId} href={r.connect.dashboardUrl} label="connected account" />
          ) : (
            <span className="muted">None — the instructor has not started Connect onboarding.</span>
          )}
        </dd>
        <dt>Status</dt>
        <dd>
          <ConnectBadge connect={r.connect} />
        </dd>
        {r.connect ? (
          <>
            <dt>Charges</dt>
            <dd>
              <Capability on={r.connect.chargesEnabled} label="Charges" />
            </dd>
            <dt>Payouts</dt>
            <dd>
              <Capability on={r.connect.payoutsEnabled} label="Payouts" />
            </dd>
            <dt>Disabled reason</dt>
            <dd>{r.connect.disabledReason ?? <span className="muted">None</span>}</dd>
            <dt>Requirements due</dt>
            <dd>
              {r.connect.requirementsDue.length ? (
                <ul className="plain-list">
                  {r.connect.requirementsDue.map((q) => (
                    <li key={q}>
                      <code className="tag">{q}</code>
                    </li>
                  ))}
                </ul>
              ) : (
                <span className="muted">Nothing due</span>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      <section className="drawer-section" aria-label="Money">
        <h3 className="drawer-section__title">Money</h3>
        <table className="split" aria-label="Instructor money">
          <tbody>
            <tr>
              <th scope="row">Hourly rate</th>
              <td>
                <Money pence={r.hourlyRatePence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Earned (completed lessons)</th>
              <td>
                <Money pence={r.earnedPence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Paid (transferred)</th>
              <td>
                <Money pence={r.paidPence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Clawed back (refunds, disputes)</th>
              <td>
                <Money pence={-r.clawbacksPence} />
              </td>
            </tr>
            <tr className="split__total">
              <th scope="row">Owed</th>
              <td>
                <Money pence={r.owedPence} />
              </td>
            </tr>
            <tr>
              <th scope="row">Prepaid credits held ({r.creditHours} h unused)</th>
              <td>
                <Money pence={r.creditPence} />
              </td>
            </tr>
          </tbody>
        </table>
      </section>
    </Drawer>
  );
}
