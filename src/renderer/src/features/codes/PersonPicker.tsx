// Choosing a person (a referral code's referrer, a payment's learner): type part of a name or email, the matches
// come from `people.search` (debounced), arrows move, Enter or a click chooses; the choice shows with a way to change it.
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { PersonMatch } from '@shared/contract/people';
import { apiErrorOf, useQueryMethod } from '../../lib/api';

const DEBOUNCE_MS = 250;

export function PersonPicker({
  label = 'Referrer',
  value,
  onChange,
  error,
}: {
  label?: string;
  value: PersonMatch | null;
  onChange: (person: PersonMatch | null) => void;
  error?: string | undefined;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  useEffect(() => {
    const t = setTimeout(() => setQ(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);
  const enabled = q.length >= 2 && value === null;
  const search = useQueryMethod('people.search', { q, limit: 8 }, { enabled, staleTime: 30_000 });
  const matches = enabled ? (search.data ?? []) : [];
  const open = enabled && text.trim().length >= 2;
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  const choose = (person: PersonMatch) => {
    onChange(person);
    setText('');
    setQ('');
    setActive(0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!open || matches.length === 0) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((activeIndex + 1) % matches.length);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((activeIndex - 1 + matches.length) % matches.length);
    } else if (e.key === 'Enter') {
      // Choosing, not submitting the form.
      e.preventDefault();
      choose(matches[activeIndex]!);
    }
  };

  if (value) {
    return (
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <span className="field__label" id={`${id}-label`}>
          {label}
        </span>
        <div className="picked" aria-labelledby={`${id}-label`} role="group">
          <span>
            <strong>{value.name}</strong> <span className="muted">{value.email}</span>
          </span>
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Change
          </button>
        </div>
        {error ? (
          <div className="field__error" role="alert">
            {error[0]!.toUpperCase() + error.slice(1)}
          </div>
        ) : null}
      </div>
    );
  }

  const listId = `${id}-list`;
  const hint =
    text.trim().length < 2
      ? 'Type at least 2 characters of their name or email.'
      : search.isFetching && matches.length === 0
        ? 'Searching…'
        : search.isError
          ? (apiErrorOf(search.error)?.message ?? 'Could not search.')
          : matches.length === 0 && search.isSuccess
            ? `Nobody matches “${text.trim()}”.`
            : null;
  return (
    <div className={`field picker${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-expanded={open && matches.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && matches.length > 0 ? `${listId}-${activeIndex}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        placeholder="Search people by name or email"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {open && matches.length > 0 ? (
        <ul className="picker__list" role="listbox" id={listId} aria-label="People">
          {matches.map((p, i) => (
            <li
              key={p.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`picker__option${i === activeIndex ? ' picker__option--active' : ''}`}
              // Keep focus in the field; the click chooses.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
            >
              <span>{p.name}</span> <span className="muted">{p.email}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <div className="field__error" id={`${id}-error`} role="alert">
          {error[0]!.toUpperCase() + error.slice(1)}
        </div>
      ) : hint ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
