// One reconciliation run: its status and lock, the figures, the liability roll-forwards and every discrepancy with
// its ids and links (the console's pages, and the Stripe Dashboard outside the app).
import type { Discrepancy, ReconReport } from '@shared/contract/recon';
import { formatDay } from '@shared/dates';
import { formatCount } from '../../lib/format';
import { Badge, Coded, DateTime, Id, Money } from '../../components/ui';
import { CHECK_LABELS } from './labels';

function FigureRow({ label, pence, strong = false }: { label: string; pence: number; strong?: boolean }) {
  return (
    <tr className={strong ? 'row--total' : undefined}>
      <th scope="row">{label}</th>
      <td className="cell--right">
        <Money pence={pence} />
      </td>
    </tr>
  );
}

export function Figures({ report }: { report: ReconReport }) {
  const f = report.figures;
  return (
    <section className="panel panel--padded recon-figures" aria-labelledby="recon-figures-title">
      <h2 id="recon-figures-title" className="section-title">
        Figures
      </h2>
      <div className="recon-figures__grid">
        <table className="table table--static" aria-label="Revenue">
          <tbody>
            <FigureRow label="Gross charged" pence={f.grossChargedPence} />
            <FigureRow label="Refunds" pence={-f.refundsPence} />
            <FigureRow label="Net revenue" pence={f.netRevenuePence} strong />
            <FigureRow label="Platform fee at list price" pence={f.platformFee.grossPence} />
            <FigureRow label="Discounts absorbed" pence={-f.platformFee.discountsPence} />
            <FigureRow label="Net platform fee" pence={f.platformFee.netPence} strong />
          </tbody>
        </table>
        <table className="table table--static" aria-label="Money out">
          <tbody>
            <FigureRow label="Stripe fees" pence={f.stripeFeesPence} />
            <FigureRow label="Disputes" pence={f.disputesPence} />
            <FigureRow label="Transfers to instructors" pence={f.transfersPence} />
            <FigureRow label="Reversals" pence={-f.reversalsPence} />
            <FigureRow label="Net transfers" pence={f.netTransfersPence} strong />
            <FigureRow label="Payouts to the bank" pence={f.bankPayoutsPence} />
            <FigureRow label="Unattributed (suspense)" pence={f.unattributedPence} />
          </tbody>
        </table>
      </div>
      <p className="muted">
        {formatCount(f.payments)} payments:{' '}
        {f.byType
          .map((t) => `${formatCount(t.payments)} ${t.type === 'lesson' ? 'lessons' : 'credit packs'}`)
          .join(', ')}
        .
      </p>
    </section>
  );
}

export function RollForwards({ report }: { report: ReconReport }) {
  return (
    <section className="panel panel--padded" aria-labelledby="recon-rf-title">
      <h2 id="recon-rf-title" className="section-title">
        Liability roll-forwards
      </h2>
      <table className="table table--static" aria-label="Liability roll-forwards">
        <thead>
          <tr>
            <th scope="col">Liability</th>
            <th scope="col" className="cell--right">
              Opening
            </th>
            <th scope="col" className="cell--right">
              + In
            </th>
            <th scope="col" className="cell--right">
              − Out
            </th>
            <th scope="col" className="cell--right">
              Closing
            </th>
            <th scope="col">Check</th>
          </tr>
        </thead>
        <tbody>
          {report.figures.rollForwards.map((r) => (
            <tr key={r.account}>
              <th scope="row">
                <Coded name={r.label} code={r.account} />
              </th>
              <td className="cell--right">
                <Money pence={r.openingPence} />
              </td>
              <td className="cell--right">
                <Money pence={r.inPence} />
              </td>
              <td className="cell--right">
                <Money pence={r.outPence} />
              </td>
              <td className="cell--right">
                <Money pence={r.closingPence} />
              </td>
              <td>
                {r.differencePence === 0 ? (
                  <Badge tone="green">Closes</Badge>
                ) : (
                  <Badge tone="red">
                    Off by <Money pence={r.differencePence} inline />
                  </Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Learner prepaid: in is the payments taken at list price, out the lessons given and refunds made.
        Instructor payable: in is what lessons earned, out the transfers net of reversals. Opening and closing
        are ledger balances.
      </p>
    </section>
  );
}

function DiscrepancyItem({ d }: { d: Discrepancy }) {
  return (
    <li className="discrepancy">
      <div className="discrepancy__head">
        <Badge tone="red">{CHECK_LABELS[d.kind]}</Badge>
        {d.stripePence !== null || d.ledgerPence !== null ? (
          <span className="muted">
            {d.stripePence !== null ? (
              <>
                Stripe <Money pence={d.stripePence} inline />
              </>
            ) : null}
            {d.stripePence !== null && d.ledgerPence !== null ? ' · ' : null}
            {d.ledgerPence !== null ? (
              <>
                Ledger <Money pence={d.ledgerPence} inline />
              </>
            ) : null}
          </span>
        ) : null}
      </div>
      <p className="discrepancy__message">{d.message}</p>
      <div className="discrepancy__links">
        {d.ids.map((id) => (
          <Id
            key={id}
            value={id}
            head={10}
            tail={4}
            label="object id"
            href={d.links.find((l) => l.external && l.href.endsWith(`/${id}`))?.href}
          />
        ))}
        {d.links
          .filter((l) => !l.external)
          .map((l) => (
            <a key={l.href} href={l.href}>
              {l.label}
            </a>
          ))}
      </div>
    </li>
  );
}

export function Discrepancies({ report }: { report: ReconReport }) {
  const n = report.discrepancies.length;
  return (
    <section className="panel panel--padded" aria-labelledby="recon-checks-title">
      <h2 id="recon-checks-title" className="section-title">
        Checks{' '}
        {n === 0 ? (
          <Badge tone="green">All passed</Badge>
        ) : (
          <Badge tone="red">{formatCount(n)} discrepancies</Badge>
        )}
      </h2>
      {n === 0 ? (
        <p className="muted">
          Every payment matches a Stripe charge, every transfer a payout row, every bank payout its balance
          transactions, the ledger’s Stripe balance equals Stripe’s, and both roll-forwards close.
        </p>
      ) : (
        <ul className="discrepancy-list">
          {report.discrepancies.map((d, i) => (
            <DiscrepancyItem key={`${d.kind}:${d.ids.join(',')}:${i}`} d={d} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ReportStatus({ report }: { report: ReconReport }) {
  const { lock } = report;
  return (
    <div className="recon-status">
      <p>
        {report.status === 'reconciled' ? (
          <Badge tone="green">Reconciled</Badge>
        ) : (
          <Badge tone="red">{formatCount(report.discrepancies.length)} discrepancies</Badge>
        )}{' '}
        {formatDay(report.period.from)} – {formatDay(report.period.to)}, run <DateTime ms={report.ranAt} /> by{' '}
        {report.ranBy ?? 'the console'}
        {report.latest ? '' : ' (a newer run of this period exists)'}.
      </p>
      {lock ? (
        <div className={`notice ${lock.lateChangeCount > 0 ? 'notice--red' : 'notice--grey'}`} role="status">
          <strong>Locked</strong> {formatDay(lock.from)} – {formatDay(lock.to)} by{' '}
          {lock.lockedBy ?? 'an operator'} on <DateTime ms={lock.lockedAt} />.
          {lock.lateChangeCount > 0 ? (
            <>
              {' '}
              {formatCount(lock.lateChangeCount)} change{lock.lateChangeCount === 1 ? '' : 's'} touched this
              period after it was locked (not absorbed into the locked figures):{' '}
              <span className="late-changes">
                {lock.lateChanges.map((c) => `${c.key} (${c.change})`).join(', ')}
              </span>
            </>
          ) : (
            ' Nothing has changed in it since.'
          )}
        </div>
      ) : null}
    </div>
  );
}
