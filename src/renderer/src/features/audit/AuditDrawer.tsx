// One audit entry: when, who and what as a timeline line, then old and new values side by side with the changes marked.
import { useState } from 'react';
import type { AuditEntry } from '@shared/contract/audit';
import { actionName, entityName } from '@shared/names';
import { Badge, Coded, DateTime, Drawer, Id } from '../../components/ui';
import { diffValues, displayValue, type ChangeKind } from './diff';
import { actorLabel } from './labels';

const KIND_WORD: Record<ChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  unchanged: '',
};

export function AuditDrawer({ entry, onClose }: { entry: AuditEntry | null; onClose: () => void }) {
  const [showUnchanged, setShowUnchanged] = useState(true);
  if (!entry) return null;
  const rows = diffValues(entry.oldValues, entry.newValues);
  const changed = rows.filter((r) => r.kind !== 'unchanged').length;
  const visible = showUnchanged ? rows : rows.filter((r) => r.kind !== 'unchanged');

  return (
    <Drawer
      open
      title={`${entityName(entry.entityType)} · ${actionName(entry.action)}`}
      subtitle={`Entry #${entry.seq}`}
      onClose={onClose}
    >
      <ol className="timeline">
        <li className="timeline__item">
          <span className="timeline__dot" aria-hidden="true" />
          <div>
            <div className="timeline__when">
              <DateTime ms={entry.createdAt} />
            </div>
            <div className="timeline__what">
              <strong>{actorLabel(entry)}</strong>{' '}
              {entry.actor !== 'operator' ? <Badge tone="blue">{entry.actor}</Badge> : null} —{' '}
              <Coded name={actionName(entry.action)} code={entry.action} /> on{' '}
              <Coded name={entityName(entry.entityType).toLowerCase()} code={entry.entityType} />{' '}
              <Id value={entry.entityId} label={`${entityName(entry.entityType)} id`} />
            </div>
            <div className="muted">
              {changed === 0
                ? 'No field changed.'
                : `${changed} field${changed === 1 ? '' : 's'} ${entry.oldValues ? 'changed' : 'set'}.`}
            </div>
          </div>
        </li>
      </ol>

      <div className="diff-toolbar">
        <h3 className="drawer-section__title">Values</h3>
        <label className="checkbox checkbox--inline">
          <input
            type="checkbox"
            checked={showUnchanged}
            onChange={(e) => setShowUnchanged(e.target.checked)}
          />
          <span>Show unchanged</span>
        </label>
      </div>
      {rows.length === 0 ? (
        <p className="muted">This entry records no values.</p>
      ) : (
        <table className="diff" aria-label="Old and new values">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => (
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
      )}

      <dl className="details details--compact">
        <dt>Entry id</dt>
        <dd>
          <Id value={entry.id} label="entry id" />
        </dd>
        <dt>Hash</dt>
        <dd>
          <Id value={entry.hash} head={10} tail={6} label="hash" />
        </dd>
      </dl>
    </Drawer>
  );
}
