// How a run stands, read from its items and their transfer writes: each instructor paid, failed (Stripe's reason in
// plain words and what to do), held, or still on its way — and the run's state from them.
import type { ItemOutcome, RunDetail, RunItem, RunSummary } from '../../shared/contract/payouts';
import { formatPence } from '../../shared/money';
import type { WorkspaceInfo } from '../api/context';
import { notFound } from '../api/errors';
import type { Sqlite } from '../db/open';
import { dashboardUrl } from '../db/sql';
import { statement } from '../db/statements';

interface ItemRow {
  payoutId: string;
  instructorId: string;
  name: string;
  owedPence: number;
  status: 'ready' | 'held';
  heldReason: string | null;
  attempts: number;
  state: string | null;
  nextAttemptAt: number | null;
  objectId: string | null;
  errorType: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  heldBy: string | null;
  key: string | null;
}

/** Stripe's code for a destination that cannot receive transfers (restricted in Stripe). */
const RESTRICTED = 'insufficient_capabilities_for_transfer';

function outcomeOf(r: ItemRow): ItemOutcome {
  if (r.status === 'held') return 'held';
  switch (r.state) {
    case null:
      return 'not_sent';
    case 'succeeded':
      return 'paid';
    case 'failed':
      // A restricted account is held (its earnings wait), not a failure of the run.
      return r.errorCode === RESTRICTED ? 'held' : 'failed';
    case 'canceled':
      return 'cancelled';
    case 'unknown':
      return r.nextAttemptAt === null ? 'unconfirmed' : 'sending';
    default:
      return 'sending';
  }
}

/** Stripe's refusal in plain words, and what finance does next. */
export function failureAdvice(
  r: Pick<ItemRow, 'errorType' | 'errorCode' | 'errorMessage' | 'owedPence'>,
): string {
  if (r.errorType === 'idempotency_error')
    return 'Stopped for a person: Stripe says this payout’s key was already used for a different transfer, so nothing was sent. Do not retry: look in the Stripe Dashboard for a transfer in this run’s group to the instructor, then report it with the request id.';
  if (r.errorCode === 'balance_insufficient')
    return `Stripe refused: the platform’s available balance was lower than ${formatPence(r.owedPence)}. Wait for pending funds to become available (or add funds in Stripe), then Retry.`;
  if (r.errorCode === RESTRICTED)
    return 'Held: Stripe says the instructor’s account cannot receive transfers (restricted). They must complete what Stripe asks; their earnings stay owed. Retry once the account is enabled again.';
  return `${r.errorMessage ?? 'Stripe refused the transfer.'} Retry once the cause is fixed.`;
}

function detailOf(r: ItemRow, outcome: ItemOutcome): string | null {
  if (outcome === 'held') return r.status === 'held' ? r.heldReason : failureAdvice(r);
  if (outcome === 'failed') return failureAdvice(r);
  if (outcome === 'cancelled') return `${r.errorMessage ?? 'Not sent.'} Retry to send it.`;
  if (outcome === 'unconfirmed')
    return 'Stripe may have made this transfer and it is not sent again: sync links it when it sees it, or settle it under Jobs after checking the Stripe Dashboard.';
  if (outcome === 'sending') return r.heldBy ?? r.errorMessage;
  return null;
}

const ITEMS_SQL = `
  SELECT i.id AS payoutId, i.instructor_id AS instructorId, u.name, i.owed_pence AS owedPence, i.status,
    i.held_reason AS heldReason, i.attempts, r.state, r.next_attempt_at AS nextAttemptAt, r.stripe_object_id AS objectId,
    r.error_type AS errorType, r.error_code AS errorCode, r.error_message AS errorMessage, r.held_reason AS heldBy,
    r.idempotency_key AS key
  FROM payout_run_items i JOIN instructors n ON n.id = i.instructor_id JOIN users u ON u.id = n.user_id
  LEFT JOIN stripe_requests r ON r.id = i.request_id
  WHERE i.run_id = ? ORDER BY i.status DESC, u.name, i.id`;

export function runItems(sqlite: Sqlite, runId: string, mode: WorkspaceInfo['mode']): RunItem[] {
  return (statement(sqlite, ITEMS_SQL).all(runId) as ItemRow[]).map((r) => {
    const outcome = outcomeOf(r);
    return {
      payoutId: r.payoutId,
      instructor: { id: r.instructorId, name: r.name },
      owedPence: r.owedPence,
      status: r.status,
      heldReason: r.heldReason,
      outcome,
      detail: detailOf(r, outcome),
      transferId: outcome === 'paid' ? r.objectId : null,
      dashboardUrl:
        outcome === 'paid' && r.objectId ? dashboardUrl(mode, 'connect/transfers', r.objectId) : null,
      attempts: r.attempts,
      idempotencyKey: r.key,
    };
  });
}

type RunRow = Omit<RunSummary, 'paid' | 'paidPence' | 'failed' | 'state'>;

const RUN_COLUMNS = `r.id, r.payout_date AS date, r.source, p.name AS preparedBy, r.prepared_at AS preparedAt,
  e.name AS executedBy, r.executed_at AS executedAt, r.job_id AS jobId, r.total_pence AS totalPence,
  r.ready_count AS ready, r.held_count AS held, r.stopped_reason AS stoppedReason
  FROM payout_runs r LEFT JOIN users p ON p.id = r.prepared_by LEFT JOIN users e ON e.id = r.executed_by`;

function summarise(run: RunRow, items: RunItem[]): RunSummary {
  const paid = items.filter((i) => i.outcome === 'paid');
  const failed = items.filter((i) => ['failed', 'cancelled', 'unconfirmed'].includes(i.outcome)).length;
  const open = items.some((i) => i.outcome === 'sending');
  const state: RunSummary['state'] =
    run.executedAt === null
      ? 'prepared'
      : open
        ? 'executing'
        : failed > 0 || run.stoppedReason
          ? 'needs_attention'
          : 'done';
  return {
    ...run,
    paid: paid.length,
    paidPence: paid.reduce((sum, i) => sum + i.owedPence, 0),
    failed,
    state,
  };
}

export function runDetail(sqlite: Sqlite, runId: string, mode: WorkspaceInfo['mode']): RunDetail {
  const run = statement(sqlite, `SELECT ${RUN_COLUMNS} WHERE r.id = ?`).get(runId) as RunRow | undefined;
  if (!run) throw notFound('A payout run with this id');
  const items = runItems(sqlite, runId, mode);
  return { run: summarise(run, items), items };
}

export function listRuns(sqlite: Sqlite, limit: number, mode: WorkspaceInfo['mode']): RunSummary[] {
  const runs = statement(sqlite, `SELECT ${RUN_COLUMNS} ORDER BY r.payout_date DESC LIMIT ?`).all(
    limit,
  ) as RunRow[];
  return runs.map((run) => summarise(run, runItems(sqlite, run.id, mode)));
}
