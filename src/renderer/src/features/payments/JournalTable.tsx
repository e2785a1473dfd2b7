// A journal transaction as a small ledger table: account, debit, credit, and a total row that shows it balances to zero.
import type { JournalTransactionView } from '@shared/contract/payments';
import { accountName, journalKindName } from '@shared/names';
import { Badge, Coded, DateTime, Money } from '../../components/ui';

/** `learner_prepaid:{learner}:{instructor}` → `Learner prepaid · Amira Khan → Jane Smith` when the ids are known. */
export function accountLabel(account: string, names: Record<string, string>): string {
  const ids = account.split(':').slice(1);
  const name = accountName(account);
  if (ids.length === 0) return name;
  return `${name} · ${ids.map((id) => names[id] ?? `${id.slice(0, 8)}…`).join(' → ')}`;
}

export function JournalTable({
  transaction,
  names,
}: {
  transaction: JournalTransactionView;
  names: Record<string, string>;
}) {
  const debits = transaction.lines.reduce((s, l) => s + Math.max(l.amountPence, 0), 0);
  const credits = transaction.lines.reduce((s, l) => s + Math.max(-l.amountPence, 0), 0);
  const balanced = transaction.totalPence === 0;
  return (
    <figure className="journal" data-testid="journal-transaction" data-balanced={balanced}>
      <figcaption className="journal__caption">
        <span>
          <strong>
            <Coded name={journalKindName(transaction.kind)} code={transaction.kind} />
          </strong>{' '}
          <span className="muted">{transaction.description}</span>
        </span>
        <DateTime ms={transaction.occurredAt} />
      </figcaption>
      <table className="journal__table" aria-label={`Journal lines: ${journalKindName(transaction.kind)}`}>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col" className="cell--right">
              Debit
            </th>
            <th scope="col" className="cell--right">
              Credit
            </th>
          </tr>
        </thead>
        <tbody>
          {transaction.lines.map((l) => (
            <tr key={l.lineNo}>
              <td title={l.account}>{accountLabel(l.account, names)}</td>
              <td className="cell--right">{l.amountPence > 0 ? <Money pence={l.amountPence} /> : null}</td>
              <td className="cell--right">{l.amountPence < 0 ? <Money pence={-l.amountPence} /> : null}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">
              {balanced ? (
                <Badge tone="green">Balanced</Badge>
              ) : (
                <Badge tone="red">
                  Off by <Money pence={transaction.totalPence} inline />
                </Badge>
              )}
            </th>
            <td className="cell--right">
              <Money pence={debits} />
            </td>
            <td className="cell--right">
              <Money pence={credits} />
            </td>
          </tr>
        </tfoot>
      </table>
    </figure>
  );
}
