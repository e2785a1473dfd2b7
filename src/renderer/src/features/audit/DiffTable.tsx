// Old and new values side by side, each field marked added, removed, changed or unchanged (an entry's or a change's).
import { displayValue, type ChangeKind, type DiffRow } from './diff';

const KIND_WORD: Record<ChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: '',
};

export function DiffTable({ rows, label }: { rows: DiffRow[]; label: string }) {
  return (
    <table className="diff" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={`diff__row diff__row--${r.kind}`} data-change={r.kind}>
            <th scope="row">
              <code>{r.key}</code>
              {r.kind !== 'unchanged' ? (
                <span className={`diff__kind diff__kind--${r.kind}`}>{KIND_WORD[r.kind]}</span>
              ) : null}
            </th>
            <td className="diff__old">
              {r.kind === 'added' ? <span className="muted">—</span> : <pre>{displayValue(r.old)}</pre>}
            </td>
            <td className="diff__new">
              {r.kind === 'removed' ? <span className="muted">—</span> : <pre>{displayValue(r.new)}</pre>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
