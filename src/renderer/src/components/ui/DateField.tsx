// Every date the console asks for, typed the UK way (DD/MM/YYYY) instead of the browser's own date picker, which
// shows 12/02/2026 for 2 December in an en-US Chromium; impossible or out-of-range days are refused with why.
import { useId, useState, type ReactNode } from 'react';
import { dateError, formatUkDate, ISO_DATE, readUkDate, type DateRules } from '@shared/dates';
import { describedBy, FieldShell } from './Field';

/** The field's value for typed text: its day, '' when blank, or the text itself when it names no real day. */
function asValue(typed: string): string {
  if (typed.trim() === '') return '';
  const read = readUkDate(typed);
  return 'date' in read ? read.date : typed;
}

export interface DateFieldProps extends DateRules {
  label: string;
  /** YYYY-MM-DD, '' when blank, or the typed text while it names no real day. */
  value: string;
  /** Called on every keystroke with the same kind of value (for forms, which check it again on submit). */
  onChange?: ((value: string) => void) | undefined;
  /** Called on blur or Enter with a date that passes the rules (for fields that act at once, like a page's day). */
  onCommit?: ((date: string) => void) | undefined;
  hint?: ReactNode;
  error?: string | undefined;
  name?: string | undefined;
  /** Label beside the box rather than above it, for toolbars. */
  inline?: boolean | undefined;
  autoFocus?: boolean | undefined;
  'data-autofocus'?: boolean | undefined;
}

export function DateField({
  label,
  value,
  onChange,
  onCommit,
  hint,
  error,
  min,
  max,
  check,
  name,
  inline,
  autoFocus,
  'data-autofocus': dataAutofocus,
}: DateFieldProps) {
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const shown = error ?? refused ?? undefined;
  /** Checks the box's day and hands it on; false when it is refused, so the typed text stays beside its error. */
  const commit = () => {
    const current = text === null ? value : asValue(text);
    const why = dateError(current, { min, max, check });
    setRefused(why);
    if (!why && onCommit && ISO_DATE.test(current)) onCommit(current);
    return why === null;
  };
  return (
    <FieldShell
      id={id}
      label={label}
      hint={hint}
      error={shown}
      className={inline ? 'field--inline' : undefined}
    >
      <input
        id={id}
        name={name}
        className="input"
        inputMode="numeric"
        autoComplete="off"
        placeholder="DD/MM/YYYY"
        size={11}
        autoFocus={autoFocus}
        data-autofocus={dataAutofocus}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy(id, hint, shown)}
        value={text ?? (ISO_DATE.test(value) ? formatUkDate(value) : value)}
        onChange={(e) => {
          const typed = e.target.value;
          setText(typed);
          setRefused(null);
          onChange?.(asValue(typed));
        }}
        onBlur={() => {
          if (commit()) setText(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </FieldShell>
  );
}
