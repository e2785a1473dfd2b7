// One audit entry: when, who and what as a timeline line, then old and new values side by side with the changes marked
// (a sync batch's, per entity it changed: BatchChanges).
import { useState } from 'react';
import type { AuditEntry } from '@shared/contract/audit';
import { actionName, entityName } from '@shared/names';
import { Badge, Coded, DateTime, Drawer, Id } from '../../components/ui';
import { diffValues } from './diff';
import { DiffTable } from './DiffTable';
import { actorLabel, batchSummary, isSyncBatch } from './labels';
import { BatchChanges } from './BatchChanges';

export function AuditDrawer({
  entry,
  onClose,
  search,
}: {
  entry: AuditEntry | null;
  onClose: () => void;
  /** The page's id search and entity filter, which narrow a sync batch's changes to the ones sought. */
  search?: { q?: string | undefined; entityType?: string | undefined };
}) {
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
              {isSyncBatch(entry)
                ? `${batchSummary(entry)}.`
                : changed === 0
                  ? 'No field changed.'
                  : `${changed} field${changed === 1 ? '' : 's'} ${entry.oldValues ? 'changed' : 'set'}.`}
            </div>
          </div>
        </li>
      </ol>

      {isSyncBatch(entry) ? (
        <BatchChanges seq={entry.seq} q={search?.q} entityType={search?.entityType} />
      ) : (
        <>
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
            <DiffTable rows={visible} label="Old and new values" />
          )}
        </>
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
