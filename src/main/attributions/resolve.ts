// Records finance's decision on an unattributed object — checked, audited and re-projected in one transaction — so
// the ledger, the Overview and every list follow it, and a rebuild (which reads the record) keeps it.
import type { ParsedInputOf } from '../../shared/contract';
import { applyBps, formatPence } from '../../shared/money';
import { formatDay, londonDate, weekday } from '../../shared/dates';
import type { Sqlite } from '../db/open';
import type { Projection } from '../projection/registry';
import { projectRoots } from '../projection/project';
import { appendAudit } from '../audit/chain';
import { AppError, fieldError } from '../api/errors';
import { settingOn } from '../settings/service';
import type { StripeJson } from '../stripe/json';
import { ATTRIBUTABLE } from './inbox';

export type ResolveInput = ParsedInputOf<'unattributed.resolve'>;

interface Open {
  object_type: string;
  reason: string;
  amount_pence: number | null;
  payload: string;
}

interface Decision {
  decision: 'attributed' | 'not_marketplace';
  learner_id: string | null;
  learner_name: string | null;
  learner_email: string | null;
  instructor_id: string | null;
  payment_type: string | null;
  hours: number | null;
  rate_pence: number | null;
  payout_date: string | null;
}

const NONE: Omit<Decision, 'decision'> = {
  learner_id: null,
  learner_name: null,
  learner_email: null,
  instructor_id: null,
  payment_type: null,
  hours: null,
  rate_pence: null,
  payout_date: null,
};

function attributePayment(
  sqlite: Sqlite,
  input: Extract<ResolveInput, { resolution: 'attribute_payment' }>,
  object: StripeJson,
  amount: number,
): Decision {
  const learner = sqlite
    .prepare(
      `SELECT u.id, u.name, u.email FROM users u WHERE u.id = ?
       AND EXISTS (SELECT 1 FROM profiles p WHERE p.user_id = u.id AND p.role = 'learner')`,
    )
    .get(input.learnerId) as { id: string; name: string; email: string } | undefined;
  if (!learner) throw fieldError('learnerId', 'Choose a learner of the marketplace.');
  const instructor = sqlite
    .prepare(
      `SELECT i.id, i.hourly_rate_pence AS rate, u.name FROM instructors i JOIN users u ON u.id = i.user_id WHERE i.id = ?`,
    )
    .get(input.instructorId) as { id: string; rate: number; name: string } | undefined;
  if (!instructor) throw fieldError('instructorId', 'Choose an instructor of the marketplace.');
  if (instructor.rate <= 0)
    throw fieldError(
      'instructorId',
      `${instructor.name} has no hourly rate yet, so the split cannot be worked out.`,
    );
  const created = typeof object.created === 'number' ? object.created * 1000 : 0;
  const earned = input.hours * instructor.rate;
  const list = earned + applyBps(earned, settingOn(sqlite, 'platform_fee_bps', londonDate(created)));
  if (list < amount)
    throw fieldError(
      'hours',
      `${formatPence(amount)} is more than ${input.hours} h with ${instructor.name} costs (${formatPence(list)} at ` +
        `${formatPence(instructor.rate)}/h plus the platform fee): choose more hours or the instructor who gave the lessons.`,
    );
  return {
    decision: 'attributed',
    ...NONE,
    learner_id: learner.id,
    learner_name: learner.name,
    learner_email: learner.email,
    instructor_id: instructor.id,
    payment_type: input.paymentType,
    hours: input.hours,
    rate_pence: instructor.rate,
  };
}

function attributeTransfer(sqlite: Sqlite, payoutDate: string, object: StripeJson): Decision {
  const destination = typeof object.destination === 'string' ? object.destination : null;
  const instructorId = destination
    ? (sqlite
        .prepare('SELECT instructor_id FROM stripe_connect_accounts WHERE stripe_account_id = ?')
        .pluck()
        .get(destination) as string | undefined)
    : undefined;
  if (!instructorId)
    throw fieldError(
      'payoutDate',
      `This transfer went to ${destination ?? 'an unknown account'}, which is no instructor's account: mark it as not marketplace money instead.`,
    );
  if (weekday(payoutDate) !== 5)
    throw fieldError('payoutDate', `${formatDay(payoutDate)} is not a Friday: payouts are made on Fridays.`);
  return { decision: 'attributed', ...NONE, instructor_id: instructorId, payout_date: payoutDate };
}

export function resolveUnattributed(
  projection: Projection,
  sqlite: Sqlite,
  input: ResolveInput,
  now: number,
  operatorId: string,
): { objectId: string; decision: Decision['decision'] } {
  return sqlite
    .transaction(() => {
      const decided = sqlite
        .prepare(
          `SELECT a.decided_at, u.name FROM attributions a LEFT JOIN users u ON u.id = a.decided_by WHERE a.object_id = ?`,
        )
        .get(input.objectId) as { decided_at: number; name: string | null } | undefined;
      if (decided)
        throw new AppError(
          'conflict',
          `${input.objectId} was already resolved by ${decided.name ?? 'another operator'}; nothing changed.`,
        );
      const open = sqlite
        .prepare(
          `SELECT u.object_type, u.reason, u.amount_pence, o.payload
           FROM unattributed_objects u JOIN stripe_object_states o ON o.id = u.object_id WHERE u.object_id = ?`,
        )
        .get(input.objectId) as Open | undefined;
      if (!open) throw new AppError('not_found', `${input.objectId} is not in the Unattributed inbox.`);
      const object = JSON.parse(open.payload) as StripeJson;
      if (input.resolution !== 'not_marketplace') {
        const kind = input.resolution === 'attribute_transfer' ? 'transfer' : 'payment';
        const isTransfer = open.object_type === 'transfer';
        if (
          !ATTRIBUTABLE.has(open.object_type) ||
          open.reason !== 'missing_metadata' ||
          isTransfer !== (kind === 'transfer')
        )
          throw new AppError('validation', `${input.objectId} cannot be attributed as a ${kind}.`);
      }
      const d: Decision =
        input.resolution === 'attribute_payment'
          ? attributePayment(sqlite, input, object, open.amount_pence ?? 0)
          : input.resolution === 'attribute_transfer'
            ? attributeTransfer(sqlite, input.payoutDate, object)
            : { decision: 'not_marketplace', ...NONE };
      sqlite
        .prepare(
          `INSERT INTO attributions (object_id, object_type, decision, learner_id, learner_name, learner_email,
             instructor_id, payment_type, hours, rate_pence, payout_date, note, decided_by, decided_at)
           VALUES (@object_id, @object_type, @decision, @learner_id, @learner_name, @learner_email, @instructor_id,
             @payment_type, @hours, @rate_pence, @payout_date, @note, @decided_by, @decided_at)`,
        )
        .run({
          ...d,
          object_id: input.objectId,
          object_type: open.object_type,
          note: input.note,
          decided_by: operatorId,
          decided_at: now,
        });
      appendAudit(sqlite, {
        entityType: 'attribution',
        entityId: input.objectId,
        action: d.decision === 'attributed' ? 'attribute' : 'mark_not_marketplace',
        oldValues: { reason: open.reason, amountPence: open.amount_pence },
        newValues: {
          decision: d.decision,
          objectType: open.object_type,
          ...(d.learner_id ? { learnerId: d.learner_id, paymentType: d.payment_type, hours: d.hours } : {}),
          ...(d.instructor_id ? { instructorId: d.instructor_id } : {}),
          ...(d.rate_pence ? { ratePence: d.rate_pence } : {}),
          ...(d.payout_date ? { payoutDate: d.payout_date } : {}),
          note: input.note,
        },
        userId: operatorId,
        actor: 'operator',
        createdAt: now,
      });
      const root = projection.rootOf(object, null);
      if (root) projectRoots(projection, sqlite, [root], now);
      return { objectId: input.objectId, decision: d.decision };
    })
    .immediate();
}
