// The contract speaks to people: zod's issue codes become plain sentences naming the field by its label ("Enter the
// hours as a whole number."), never zod's own wording ("Too big: expected string to have <=500 characters").
import { z } from 'zod';

/** Every input field of the contract, as a person would name it (a unit test checks none is missing). */
export const FIELD_LABELS: Record<string, string> = {
  action: 'action',
  active: 'active',
  after: 'row to start after',
  amount: 'amount',
  autoExecuteLimitPence: 'auto-execute limit',
  autoPrepare: 'automatic preparation',
  backfill: 'backfill',
  batchId: 'batch',
  before: 'row to end before',
  clawbackId: 'clawback',
  code: 'code',
  codeId: 'code',
  column: 'sort column',
  completedAt: 'completion time',
  completionId: 'completion',
  count: 'number of codes',
  csv: 'file',
  currentPassword: 'current password',
  cursor: 'page cursor',
  date: 'Friday',
  decision: 'decision',
  direction: 'sort direction',
  disputeId: 'dispute',
  effectiveFrom: 'start date',
  email: 'email address',
  entityType: 'entity',
  expectedAmountPence: 'amount',
  expiresOn: 'expiry date',
  fileName: 'file name',
  fingerprint: 'server fingerprint',
  flagged: 'flagged',
  format: 'file format',
  from: 'start date',
  fullRead: 'full read',
  hours: 'hours',
  id: 'record',
  includeInactive: 'include inactive',
  instructorId: 'instructor',
  jobId: 'job',
  key: 'setting',
  kind: 'kind',
  learnerId: 'learner',
  limit: 'limit',
  maxUses: 'maximum uses',
  minimumPence: 'minimum payout',
  name: 'name',
  newPassword: 'new password',
  note: 'note',
  objectId: 'Stripe object',
  open: 'open',
  operatorId: 'operator',
  origin: 'origin',
  page: 'page',
  pageSize: 'page size',
  password: 'password',
  paymentId: 'payment',
  paymentType: 'payment type',
  payoutDate: 'payout Friday',
  payoutId: 'payout',
  percentage: 'percentage',
  period: 'period',
  prefix: 'prefix',
  q: 'search',
  reason: 'reason',
  ref: 'session',
  referrerId: 'referrer',
  replacement: 'replacement',
  reportId: 'report',
  requestId: 'refund request',
  resolution: 'resolution',
  role: 'role',
  runId: 'payout run',
  scheduleTime: 'time of day',
  scheduleWeekday: 'day of the week',
  secretKey: 'Stripe key',
  seq: 'audit entry',
  sort: 'sort order',
  state: 'state',
  status: 'status',
  stripeId: 'Stripe id',
  target: 'workspace',
  timeoutSeconds: 'wait',
  to: 'end date',
  totalPence: 'total',
  type: 'type',
  url: 'server address',
  username: 'username',
  value: 'value',
  writeId: 'Stripe write',
};

/** The field an issue is about, by its label (the last named key of its path); the whole form when it has none. */
export function labelOf(path: readonly PropertyKey[]): string {
  const key = [...path].reverse().find((k): k is string => typeof k === 'string');
  if (key === undefined) return 'this form';
  return FIELD_LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export const sentence = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

const count = (n: number | bigint) => Number(n).toLocaleString('en-GB');
const plural = (n: number | bigint, one: string, many = `${one}s`) =>
  `${count(n)} ${Number(n) === 1 ? one : many}`;
/** "a, b or c". */
const orList = (values: readonly unknown[]) => {
  const words = values.map(String);
  return words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
};

type Issue = z.core.$ZodRawIssue;

function typeMessage(label: string, issue: Extract<Issue, { code: 'invalid_type' }>): string {
  if ((issue.path ?? []).length === 0)
    return 'The console cannot read what was sent: it takes a form of named fields.';
  if (issue.input === undefined || issue.input === null) return `${sentence(label)} is required.`;
  switch (issue.expected) {
    case 'int':
      return `Enter the ${label} as a whole number.`;
    case 'number':
    case 'bigint':
      return `Enter the ${label} as a number.`;
    case 'string':
      return `Enter the ${label} as text.`;
    case 'boolean':
      return `Choose yes or no for the ${label}.`;
    default:
      return `The ${label} is not in a form the console accepts.`;
  }
}

function sizeMessage(label: string, issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const bound = small ? issue.minimum : issue.maximum;
  const strict = issue.inclusive === false;
  switch (issue.origin) {
    case 'string':
      if (small && Number(bound) <= 1) return `${sentence(label)} is required.`;
      return small
        ? `${sentence(label)} needs at least ${plural(bound, 'character')}.`
        : `${sentence(label)} can be at most ${plural(bound, 'character')}.`;
    case 'array':
    case 'set':
      return small
        ? `Choose at least ${plural(bound, 'item')} for the ${label}.`
        : `The ${label} can hold at most ${plural(bound, 'item')}.`;
    case 'number':
    case 'int':
    case 'bigint':
      if (small) return `${sentence(label)} must be ${strict ? 'more than' : 'at least'} ${count(bound)}.`;
      return `${sentence(label)} must be ${strict ? 'less than' : 'at most'} ${count(bound)}.`;
    default:
      return small
        ? `${sentence(label)} is too early or too small.`
        : `${sentence(label)} is too late or too large.`;
  }
}

function formatMessage(label: string, issue: Extract<Issue, { code: 'invalid_format' }>): string {
  switch (issue.format) {
    case 'email':
      return 'Enter an email address, like name@example.com.';
    case 'uuid':
    case 'guid':
      return `That ${label} is not one the console knows: choose it again from the list.`;
    case 'url':
      return `Enter the ${label} as a web address, like https://…`;
    default:
      return `The ${label} is not in a form the console accepts.`;
  }
}

/** Zod's issue as a sentence for a person (zod's global `customError`: a schema's own message still wins). */
export function humanIssue(issue: Issue): string {
  const label = labelOf(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      return typeMessage(label, issue);
    case 'too_small':
    case 'too_big':
      return sizeMessage(label, issue);
    case 'invalid_format':
      return formatMessage(label, issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `The ${label} can only be ${String(issue.values[0])}.`
        : `Choose the ${label}: ${orList(issue.values)}.`;
    case 'not_multiple_of':
      return `${sentence(label)} must be a multiple of ${count(Number(issue.divisor))}.`;
    case 'unrecognized_keys':
      return `The console does not take ${orList(issue.keys)} here.`;
    case 'invalid_union':
      return `Choose the ${label} again: the console does not accept this one.`;
    case 'invalid_key':
    case 'invalid_element':
      return `The ${label} holds an entry the console does not accept.`;
    default:
      return `Check the ${label}: the console cannot accept it as it is.`;
  }
}

z.config({ customError: humanIssue });

/** A validation failure as the contract answers it: the first sentence (and how many more), and each issue's field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): {
  message: string;
  details: { issues: { path: PropertyKey[]; message: string }[] };
} {
  const list = issues.map((issue) => ({ path: issue.path, message: sentence(issue.message) }));
  const first = list[0]!;
  const more =
    list.length > 1 ? ` (${plural(list.length - 1, 'more field needs', 'more fields need')} attention.)` : '';
  return { message: `${first.message}${more}`, details: { issues: list } };
}
