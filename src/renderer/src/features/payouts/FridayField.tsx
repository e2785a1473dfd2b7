// The Payouts page's Friday: the shared UK date field, moving the page only once a whole Friday is typed.
import { formatUkDate, weekday } from '@shared/dates';
import { DateField } from '../../components/ui';

const fridayOnly = (date: string) => (weekday(date) === 5 ? null : `${formatUkDate(date)} is not a Friday.`);

export function FridayField({ date, onChange }: { date: string; onChange: (date: string) => void }) {
  return (
    <DateField
      label="Friday"
      inline
      value={date}
      check={fridayOnly}
      onCommit={(d) => d !== date && onChange(d)}
    />
  );
}
