// Maker–checker (DOMAIN.md §6): who may approve or reject a refund request, as a pure function of the operator, the
// request and the approval limit in force — checked in main on every decision and shown in the queue.
import type { Role } from '../../shared/contract/define';
import { formatPence } from '../../shared/money';

const CHECKERS: readonly Role[] = ['finance', 'manager'];
const DECIDERS: readonly Role[] = ['support', 'finance', 'manager'];

export interface DecisionSubject {
  requestedBy: string;
  amountPence: number;
  /** Hours of it already used in lessons (their instructor's share is clawed back). */
  usedHours?: number;
}

/** Who may refund hours already used in lessons (DOMAIN.md §6). */
export const mayRefundUsed = (role: Role) => CHECKERS.includes(role);

/** Why `role` may not approve a refund of `usedHours` already used in lessons (null: it may). */
export function usedHoursRefusal(role: Role, usedHours: number): string | null {
  if (usedHours === 0 || mayRefundUsed(role)) return null;
  return `${usedHours} h of this request were already used in lessons: finance or a manager approves it, as the instructor’s share is clawed back.`;
}

/** Why `operator` may not approve the request (null: they may). */
export function approveRefusal(
  operator: { id: string; role: Role },
  request: DecisionSubject,
  limitPence: number,
): string | null {
  if (!DECIDERS.includes(operator.role)) return 'Only support, finance and managers decide refunds.';
  const used = usedHoursRefusal(operator.role, request.usedHours ?? 0);
  if (used) return used;
  if (request.amountPence <= limitPence) return null;
  const above = `${formatPence(request.amountPence)} is above the approval limit of ${formatPence(limitPence)}`;
  if (!CHECKERS.includes(operator.role)) return `${above}: someone in finance or a manager approves it.`;
  if (operator.id === request.requestedBy)
    return `${above}: you asked for it, so another person in finance or a manager approves it.`;
  return null;
}

/** Why `operator` may not reject it: the requester may always withdraw their own; others need the right to approve. */
export function rejectRefusal(
  operator: { id: string; role: Role },
  request: DecisionSubject,
  limitPence: number,
): string | null {
  if (operator.id === request.requestedBy && DECIDERS.includes(operator.role)) return null;
  const refusal = approveRefusal(operator, request, limitPence);
  return refusal?.replace(' approves it', ' decides on it') ?? null;
}
