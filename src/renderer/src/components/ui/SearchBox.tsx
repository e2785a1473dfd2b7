// The page search box: typed text is debounced into the route's `q`, Enter applies at once, `/` focuses it (see DataTable).
import { useEffect, useState } from 'react';
import { Icon } from './Icon';

export function SearchBox({
  value,
  onSearch,
  label,
  placeholder,
}: {
  /** The applied query (from the route). */
  value: string;
  onSearch: (q: string | undefined) => void;
  label: string;
  placeholder: string;
}) {
  const [text, setText] = useState(value);
  const [applied, setApplied] = useState(value);
  if (value !== applied) {
    setApplied(value);
    setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const t = setTimeout(() => onSearch(text.trim() || undefined), 350);
    return () => clearTimeout(t);
  }, [text, value, onSearch]);
  return (
    <div className="search">
      <span className="search__icon">
        <Icon name="search" size={13} />
      </span>
      <input
        className="input"
        type="search"
        aria-label={label}
        placeholder={placeholder}
        data-page-search
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onSearch(text.trim() || undefined);
          if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      {text ? null : <kbd aria-hidden="true">/</kbd>}
    </div>
  );
}
