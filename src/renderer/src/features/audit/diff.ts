// Old against new values of an audit entry, key by key: added, removed, changed or unchanged.

export type ChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

export interface DiffRow {
  key: string;
  kind: ChangeKind;
  old: unknown;
  new: unknown;
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

export function diffValues(
  oldValues: Record<string, unknown> | null,
  newValues: Record<string, unknown> | null,
): DiffRow[] {
  const before = oldValues ?? {};
  const after = newValues ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rows = keys.map((key): DiffRow => {
    const inOld = Object.prototype.hasOwnProperty.call(before, key);
    const inNew = Object.prototype.hasOwnProperty.call(after, key);
    const kind: ChangeKind = !inOld
      ? 'added'
      : !inNew
        ? 'removed'
        : canonical(before[key]) === canonical(after[key])
          ? 'unchanged'
          : 'changed';
    return { key, kind, old: before[key], new: after[key] };
  });
  const order: Record<ChangeKind, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };
  return rows.sort((a, b) => order[a.kind] - order[b.kind] || a.key.localeCompare(b.key));
}

export function displayValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2);
}
