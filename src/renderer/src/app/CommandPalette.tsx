// ⌘K / Ctrl+K: jump to any page, or find a payment by a Stripe id (or its prefix) or amount, a person, an
// instructor or a code — results grouped by kind, arrows move, Enter opens.
import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { SearchHit, SearchKind } from '@shared/contract/search';
import type { Area } from './areas';
import { useQueryMethod } from '../lib/api';
import { navigate } from '../lib/router';

export interface PaletteCommand {
  id: string;
  label: string;
  hint?: string;
  /** The group heading it shows under. */
  group?: string;
  run: () => void;
}

const DEBOUNCE_MS = 200;
const GROUPS: Record<SearchKind, string> = {
  payment: 'Payments',
  transfer: 'Transfers',
  payout: 'Payouts to the bank',
  person: 'People',
  instructor: 'Instructors',
  code: 'Codes',
};

function hitCommand(hit: SearchHit): PaletteCommand {
  const { link } = hit;
  return {
    id: `${hit.kind}-${hit.id}`,
    label: hit.title,
    hint: hit.detail,
    group: GROUPS[hit.kind],
    run: () =>
      link.kind === 'route' ? navigate(link.path, link.params) : window.open(link.url, '_blank', 'noopener'),
  };
}

/** Search results for the typed text (debounced), as commands grouped by kind. */
function useSearchCommands(query: string): { commands: PaletteCommand[]; searching: boolean } {
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(query.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);
  const enabled = q.length >= 2;
  const search = useQueryMethod('search.find', { q }, { enabled, staleTime: 10_000 });
  const commands = useMemo(
    () => (enabled ? (search.data ?? []).map(hitCommand) : []),
    [enabled, search.data],
  );
  return { commands, searching: enabled && search.isFetching };
}

export function CommandPalette({
  open,
  onClose,
  commands,
}: {
  open: boolean;
  onClose: () => void;
  commands: PaletteCommand[];
}) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const found = useSearchCommands(query);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const pages = q
      ? commands.filter((c) => c.label.toLowerCase().includes(q) || c.hint?.toLowerCase().includes(q))
      : commands;
    return [...pages.map((c) => ({ ...c, group: 'Pages' })), ...found.commands];
  }, [commands, query, found.commands]);

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  if (!open) return null;
  const current = Math.min(index, matches.length - 1);
  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    setQuery('');
    setIndex(0);
    command.run();
  };

  return createPortal(
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog palette" role="dialog" aria-modal="true" aria-label="Command palette">
        <input
          ref={inputRef}
          className="palette__input"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={matches[current] ? `${listId}-${matches[current].id}` : undefined}
          aria-label="Go to a page or find anything"
          placeholder="Go to… or paste a pi_, ch_, tr_ id, an amount, a name, a code"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setIndex(Math.min(current + 1, matches.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setIndex(Math.max(current - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              run(matches[current]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <ul className="palette__list" role="listbox" id={listId} aria-label="Results">
          {matches.length === 0 ? (
            <li className="palette__empty" role="presentation">
              {found.searching ? 'Searching…' : `Nothing matches “${query}”.`}
            </li>
          ) : null}
          {matches.map((c, i) => (
            <Fragment key={c.id}>
              {c.group !== matches[i - 1]?.group ? (
                <li className="palette__group" role="presentation">
                  {c.group}
                </li>
              ) : null}
              <li
                id={`${listId}-${c.id}`}
                role="option"
                aria-selected={i === current}
                className="menu-item palette__item"
                onMouseEnter={() => setIndex(i)}
                onClick={() => run(c)}
              >
                <span>{c.label}</span>
                {c.hint ? (
                  <span className="muted truncate" title={c.hint}>
                    {c.hint}
                  </span>
                ) : null}
              </li>
            </Fragment>
          ))}
        </ul>
      </div>
    </div>,
    document.body,
  );
}

export function areaCommands(areas: Area[], go: (path: string) => void): PaletteCommand[] {
  return areas.map((a) => ({ id: a.id, label: a.label, hint: 'Go to page', run: () => go(a.path) }));
}
