// One learner–instructor pair: its hours and liability, and every payment, lesson, reversal, refund and earning in
// time order; who may record can record a lesson or correct one (a reversal plus a new entry, never an edit).
import { useState } from 'react';
import type { Role } from '@shared/contract';
import type { HistoryEntry, PairHistory } from '@shared/contract/credits';
import { apiErrorOf, canAccess, useQueryMethod } from '../../lib/api';
import { Badge, DateTime, Drawer, ErrorState, Money, Skeleton, type BadgeTone } from '../../components/ui';
import { LessonDialog, type LessonTarget } from './LessonDialog';

const KIND: Record<HistoryEntry['kind'], { label: string; tone: BadgeTone }> = {
  payment: { label: 'Payment', tone: 'blue' },
  completion: { label: 'Lesson', tone: 'accent' },
  reversal: { label: 'Reversal', tone: 'amber' },
  refund: { label: 'Refund', tone: 'red' },
  earning: { label: 'Earning', tone: 'green' },
};

export function CreditDrawer({
  learnerId,
  instructorId,
  role,
  onClose,
}: {
  learnerId: string;
  instructorId: string;
  role: Role;
  onClose: () => void;
}) {
  const history = useQueryMethod('credits.history', { learnerId, instructorId });
  const h = history.data;
  const [target, setTarget] = useState<LessonTarget | null>(null);
  const mayRecord = canAccess('completions.record', role);
  return (
    <Drawer
      open
      title={h ? `${h.learner.name} with ${h.instructor.name}` : 'Credits'}
      subtitle={h ? h.learner.email : null}
      onClose={onClose}
      footer={
        mayRecord && h?.credit ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setTarget({ kind: 'record', learnerId, instructorId })}
          >
            Record a lesson
          </button>
        ) : null
      }
    >
      {history.isError ? (
        <ErrorState
          error={apiErrorOf(history.error)!}
          onRetry={() => void history.refetch()}
          title="Could not load this pair's history"
        />
      ) : h ? (
        <HistoryBody
          history={h}
          onCorrect={mayRecord ? (entry) => setTarget({ kind: 'correct', entry }) : null}
        />
      ) : (
        <Skeleton lines={8} />
      )}
      {target && h ? (
        <LessonDialog
          target={target}
          remaining={h.credit?.hoursRemaining ?? 0}
          onClose={() => setTarget(null)}
        />
      ) : null}
    </Drawer>
  );
}

function HistoryBody({
  history,
  onCorrect,
}: {
  history: PairHistory;
  onCorrect: ((entry: HistoryEntry) => void) | null;
}) {
  const c = history.credit;
  return (
    <>
      {c ? (
        <table className="split" aria-label="Pair credits">
          <tbody>
            <tr>
              <th scope="row">Hours purchased</th>
              <td className="num">{c.hoursPurchased} h</td>
            </tr>
            <tr>
              <th scope="row">Used in lessons</th>
              <td className="num">{c.hoursUsed} h</td>
            </tr>
            <tr>
              <th scope="row">Refunded (pending or succeeded)</th>
              <td className="num">{c.hoursRefunded} h</td>
            </tr>
            <tr className="split__total">
              <th scope="row">Remaining</th>
              <td className="num">{c.hoursRemaining} h</td>
            </tr>
            <tr>
              <th scope="row">Liability (remaining hours at their list price)</th>
              <td>
                <Money pence={c.liabilityPence} />
              </td>
            </tr>
          </tbody>
        </table>
      ) : (
        <div className="notice notice--grey">This learner has no paid lessons with this instructor.</div>
      )}
      <section className="drawer-section" aria-label="History">
        <h3 className="drawer-section__title">History</h3>
        {history.entries.length === 0 ? (
          <p className="muted">Nothing has happened between them yet.</p>
        ) : (
          <ol className="history">
            {history.entries.map((e) => (
              <Entry key={`${e.kind}:${e.id}`} entry={e} onCorrect={onCorrect} />
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function Entry({
  entry: e,
  onCorrect,
}: {
  entry: HistoryEntry;
  onCorrect: ((e: HistoryEntry) => void) | null;
}) {
  const correctable = e.kind === 'completion' && e.completion?.inForce && onCorrect;
  const voided = e.kind === 'completion' && e.completion && !e.completion.inForce;
  return (
    <li className={`history__entry${voided ? ' history__entry--void' : ''}`} data-kind={e.kind}>
      <span className="history__title">
        <Badge tone={KIND[e.kind].tone}>{KIND[e.kind].label}</Badge> {e.title}
      </span>
      <span className="history__figures">
        {e.hours !== null ? `${e.hours > 0 ? '+' : '−'}${Math.abs(e.hours)} h` : ''}
        {e.amountPence !== null ? (
          <>
            {e.hours !== null ? ' · ' : ''}
            <Money pence={e.amountPence} inline />
          </>
        ) : null}
      </span>
      <span className="history__detail">
        <DateTime ms={e.at} /> · {e.detail}
      </span>
      {correctable ? (
        <span className="history__actions">
          <button type="button" className="link-button" onClick={() => onCorrect(e)}>
            Correct or reverse…
          </button>
        </span>
      ) : null}
    </li>
  );
}
