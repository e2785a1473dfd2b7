// What the connected Stripe key cannot read or may not write, and what that disables: the sync panel and Settings →
// Stripe show the same lists.
import type { SyncStatus } from '@shared/contract/sync';
import { formatCount } from '../../lib/format';
import { ProgressBar } from '../jobs/JobProgressBar';

export function KeyAccess({ status: s, Title }: { status: SyncStatus; Title: 'h2' | 'h3' }) {
  return (
    <>
      {s.unreadable.length ? (
        <section className="drawer-section" aria-label="Unreadable resources">
          <Title className="drawer-section__title">What this key cannot read</Title>
          <ul className="plain-list">
            {s.unreadable.map((u) => (
              <li key={u.resource}>
                <code className="tag">{u.resource}</code> — {u.disables}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {s.unwritable.length ? (
        <section className="drawer-section" aria-label="Writes the key may not make">
          <Title className="drawer-section__title">What this key may not write</Title>
          <ul className="plain-list">
            {s.unwritable.map((u) => (
              <li key={u.resource}>
                <code className="tag">{u.resource}</code> — {u.disables} Add “{u.permission}” to the
                restricted key in Stripe.
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** A sync or backfill job's parts (one per Stripe resource), each with its bar and counts. */
export function JobParts({
  job,
}: {
  job: { parts: { name: string; done: number; total: number | null }[] };
}) {
  return (
    <ul className="plain-list job-parts">
      {job.parts.map((part) => (
        <li key={part.name} className="job-parts__row">
          <code>{part.name}</code>
          <ProgressBar done={part.done} total={part.total} label={`${part.name} progress`} />
          <span className="muted">
            {formatCount(part.done)}
            {part.total !== null ? ` / ${formatCount(part.total)}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
