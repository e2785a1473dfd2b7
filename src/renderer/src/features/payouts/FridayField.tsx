// The Payouts page's Friday, typed the UK way (DD/MM/YYYY) rather than in the browser's own date picker, which
// shows US-looking dates in an en-US Chromium; a date that is not a Friday is refused with why.
import { useState } from 'react';
import { formatUkDate, parseUkDate, weekday } from '@shared/dates';

export function FridayField({ date, onChange }: { date: string; onChange: (date: string) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (text === null) return;
    const parsed = parseUkDate(text);
    if (!parsed) return setError('Enter a date as DD/MM/YYYY, such as 04/12/2026.');
    if (weekday(parsed) !== 5) return setError(`${formatUkDate(parsed)} is not a Friday.`);
    setError(null);
    setText(null);
    onChange(parsed);
  };
  return (
    <label className="payout-friday">
      <span>Friday</span>
      <input
        className="input"
        inputMode="numeric"
        placeholder="DD/MM/YYYY"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'payout-friday-error' : undefined}
        value={text ?? (date ? formatUkDate(date) : '')}
        size={11}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {error ? (
        <span id="payout-friday-error" className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}
