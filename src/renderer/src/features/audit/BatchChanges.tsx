// A sync batch entry's changes in its drawer: per entity, the old and new values and the Stripe inputs they came from
// (narrowed to the id searched on the page), then every input the batch applied.
import { useState } from 'react';
import type { SyncChange, SyncInput } from '@shared/contract/audit';
import { actionName, entityName } from '@shared/names';
import { useQueryMethod } from '../../lib/api';
import { Coded, DrawerSection, ErrorState, Id, Skeleton } from '../../components/ui';
import { diffValues } from './diff';
import { DiffTable } from './DiffTable';

const STEP = 20;
const INPUTS_SHOWN = 50;

function Inputs({ inputs }: { inputs: SyncInput[] }) {
  return (
    <ul className="batch-inputs">
      {inputs.map((i) => (
        <li key={i.id}>
          <Id value={i.id} label="input id" /> <span className="muted">holding</span>{' '}
          <Id value={i.object} label="Stripe object id" />
        </li>
      ))}
    </ul>
  );
}

function Change({ change }: { change: SyncChange }) {
  const name = entityName(change.entityType);
  return (
    <article className="batch-change" aria-label={`${name} ${change.entityId}`}>
      <div className="batch-change__what">
        <Coded name={name} code={change.entityType} /> <Id value={change.entityId} label={`${name} id`} /> —{' '}
        <Coded name={actionName(change.action)} code={change.action} />
      </div>
      <div className="muted">
        Projected by <code>{change.root}</code>
        {change.sources.length === 0
          ? ' (no input of this batch about its objects: a re-projection).'
          : ', from:'}
      </div>
      {change.sources.length > 0 ? <Inputs inputs={change.sources} /> : null}
      <DiffTable
        rows={diffValues(change.oldValues, change.newValues)}
        label={`Old and new values of ${name}`}
      />
    </article>
  );
}

export function BatchChanges({ seq, q, entityType }: { seq: number; q?: string; entityType?: string }) {
  const [shown, setShown] = useState(STEP);
  const input = { seq, pageSize: shown, ...(q ? { q } : {}), ...(entityType ? { entityType } : {}) };
  const changes = useQueryMethod('audit.changes', input, { placeholderData: (prev) => prev });
  if (changes.error) return <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />;
  if (!changes.data) return <Skeleton />;
  const { total, inputs } = changes.data;
  const narrowed = q || entityType;
  return (
    <>
      <DrawerSection title={narrowed ? `Changes matching “${q ?? entityName(entityType ?? '')}”` : 'Changes'}>
        <p className="muted">
          {total === 0
            ? 'None that you may read.'
            : `${total} change${total === 1 ? '' : 's'}, in the order sync made them.`}
        </p>
        {changes.data.changes.map((c) => (
          <Change key={c.n} change={c} />
        ))}
        {total > changes.data.changes.length && shown < 200 ? (
          <button type="button" className="button" onClick={() => setShown(Math.min(shown + STEP, 200))}>
            Show {Math.min(STEP, total - changes.data.changes.length)} more
          </button>
        ) : total > changes.data.changes.length ? (
          <p className="muted">Search an entity id on the page to find the rest.</p>
        ) : null}
      </DrawerSection>
      <DrawerSection title={`Inputs applied (${inputs.length})`}>
        <Inputs inputs={inputs.slice(0, INPUTS_SHOWN)} />
        {inputs.length > INPUTS_SHOWN ? (
          <p className="muted">and {inputs.length - INPUTS_SHOWN} more, every one in the entry’s export.</p>
        ) : null}
      </DrawerSection>
    </>
  );
}
