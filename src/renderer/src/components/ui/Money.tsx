// Money on screen: integer pence formatted as £1,234.56, tabular and right-aligned; negatives as −£12.00 in red.
import { formatPence } from '@shared/money';

export interface MoneyProps {
  pence: number;
  /** Render as a block that right-aligns in its cell (default) or inline inside text. */
  inline?: boolean;
  className?: string;
}

export function Money({ pence, inline = false, className }: MoneyProps) {
  const classes = [
    'money',
    pence < 0 ? 'money--negative' : '',
    inline ? 'money--inline' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return <span className={classes}>{formatPence(pence)}</span>;
}
