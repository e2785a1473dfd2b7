// The marketplace side of the FakeBridge: payments, instructors, overview and sync answers, with the contract's
// filters, sorts and paging applied in memory, and a deterministic demo marketplace for page tests and screenshots.
import type { CodeDetail, CodeRow, CodeStripeState, ReferrerRow } from '@shared/contract/codes';
import type { PersonMatch } from '@shared/contract/people';
import type { Page } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract';
import type { InstructorRow, InstructorTotals } from '@shared/contract/instructors';
import type { Kpi, KpiKey, OverviewPeriod, OverviewSummary } from '@shared/contract/overview';
import type { PaymentDetail, PaymentListRow, PaymentTotals } from '@shared/contract/payments';
import type { SyncErrorView, SyncStatus } from '@shared/contract/sync';
import { addDays, londonDate, londonMidnight, weekday } from '@shared/dates';

export function pageOf<T>(rows: T[], input: { page: number; pageSize: number }): Page<T> {
  const start = (input.page - 1) * input.pageSize;
  return {
    rows: rows.slice(start, start + input.pageSize),
    total: rows.length,
    page: input.page,
    pageSize: input.pageSize,
  };
}

function sortBy<T>(rows: T[], key: (row: T) => string | number, direction: 'asc' | 'desc'): T[] {
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return direction === 'asc' ? c : -c;
  });
}

/** `countStep`: like the server's COUNT_STEP, a total past the step that covers the page comes back capped. */
export function listPayments(
  payments: PaymentDetail[],
  input: ParsedInputOf<'payments.list'>,
  countStep: number | null = null,
): Page<PaymentListRow> {
  const q = input.q?.toLowerCase();
  const start = input.from ? londonMidnight(input.from) : -Infinity;
  const end = input.to ? londonMidnight(addDays(input.to, 1)) : Infinity;
  const rows = payments
    .map((d) => d.payment)
    .filter(
      (p) =>
        (!input.status || p.status === input.status) &&
        (!input.type || p.type === input.type) &&
        (!input.instructorId || p.instructor.id === input.instructorId) &&
        (!input.code || p.code === input.code) &&
        p.createdAt >= start &&
        p.createdAt < end &&
        (!q ||
          p.learner.name.toLowerCase().includes(q) ||
          p.learner.email.toLowerCase().includes(q) ||
          p.paymentIntentId === input.q),
    );
  const key = {
    created_at: (p: PaymentListRow) => p.createdAt,
    total: (p: PaymentListRow) => p.totalPence,
    status: (p: PaymentListRow) => p.status,
  }[input.sort.column];
  const page = pageOf(
    sortBy(rows, key, input.sort.direction).map(
      ({ updatedAt: _u, codeKind: _c, ...row }) => row as PaymentListRow,
    ),
    input,
  );
  const cap = countStep && countStep * Math.ceil((input.page * input.pageSize) / countStep);
  return cap && page.total > cap ? { ...page, total: cap, totalCapped: true } : page;
}

export function listInstructors(
  rows: InstructorRow[],
  input: ParsedInputOf<'instructors.list'>,
): Page<InstructorRow> {
  const q = input.q?.toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (input.flagged === undefined || Boolean(r.flag) === input.flagged) &&
      (!q || r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q)),
  );
  const key = {
    name: (r: InstructorRow) => r.name.toLowerCase(),
    owed: (r: InstructorRow) => r.owedPence,
    earned: (r: InstructorRow) => r.earnedPence,
  }[input.sort.column];
  return pageOf(sortBy(filtered, key, input.sort.direction), input);
}

/** Every payment the filters match, counted and summed (the list's total line). */
export function paymentTotals(
  payments: PaymentDetail[],
  input: ParsedInputOf<'payments.totals'>,
): PaymentTotals {
  const all = { ...input, page: 1, pageSize: Math.max(1, payments.length) };
  const { rows } = listPayments(payments, { ...all, sort: { column: 'created_at', direction: 'desc' } });
  const sum = (pick: (p: PaymentListRow) => number) => rows.reduce((s, p) => s + pick(p), 0);
  return {
    count: rows.length,
    totalPence: sum((p) => p.totalPence),
    instructorPence: sum((p) => p.instructorPence),
    feePence: sum((p) => p.feePence),
    refundedPence: sum((p) => p.refundedPence),
  };
}

export function instructorTotals(
  instructors: InstructorRow[],
  input: ParsedInputOf<'instructors.totals'>,
): InstructorTotals {
  const all = { ...input, page: 1, pageSize: Math.max(1, instructors.length) };
  const { rows } = listInstructors(instructors, { ...all, sort: { column: 'owed', direction: 'desc' } });
  const sum = (pick: (r: InstructorRow) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return {
    count: rows.length,
    earnedPence: sum((r) => r.earnedPence),
    paidPence: sum((r) => r.paidPence),
    clawbacksPence: sum((r) => r.clawbacksPence),
    owedPence: sum((r) => r.owedPence),
  };
}

export function listSyncErrors(
  errors: SyncErrorView[],
  input: ParsedInputOf<'sync.errors'>,
): Page<SyncErrorView> {
  const rows = errors.filter((e) => !input.open || e.resolvedAt === null);
  const key = {
    last_seen_at: (e: SyncErrorView) => e.lastSeenAt,
    occurrences: (e: SyncErrorView) => e.occurrences,
    code: (e: SyncErrorView) => e.code,
  }[input.sort.column];
  return pageOf(sortBy(rows, key, input.sort.direction), input);
}

// ── A deterministic demo marketplace ────────────────────────────────────────────────────────────────

const LEARNERS = [
  'Amira Khan',
  'Ben Jones',
  'Chloe Evans',
  'Dev Patel',
  'Ella Brown',
  'Finn Walsh',
  'Grace Liu',
  'Harry Moss',
  'Isla Reid',
  'Jack Turner',
  'Kira Shah',
  'Leo Grant',
];
const INSTRUCTORS: [name: string, rate: number, connect: 'ok' | 'restricted' | 'none' | 'payouts_off'][] = [
  ['Jane Smith', 3800, 'ok'],
  ['Omar Hussain', 4000, 'ok'],
  ['Priya Nair', 3600, 'ok'],
  ['Tom Baker', 3500, 'restricted'],
  ['Sofia Rossi', 4200, 'ok'],
  ['Kwame Mensah', 3700, 'none'],
  ['Lucy Clarke', 3900, 'payouts_off'],
];

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
const id = (kind: number, n: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(n, 12)}`;
const stripeId = (prefix: string, n: number) =>
  `${prefix}_3Q${Array.from({ length: 20 }, (_, i) => 'abcdefghijkLMNOPQRSTuvwxyz0123456789'[(n * 31 + i * 7 + i * i) % 36]).join('')}`;

export interface Marketplace {
  payments: PaymentDetail[];
  instructors: InstructorRow[];
}

/** ~70 payments over the last six weeks before `now`, with splits, codes, a few refunds and balanced journals. */
export function demoMarketplace(now: number): Marketplace {
  const instructors: InstructorRow[] = INSTRUCTORS.map(([name, rate, connect], i) => ({
    id: id(2, i + 1),
    name,
    email: `${name.toLowerCase().replace(' ', '.')}@lplate.example`,
    isActive: true,
    hourlyRatePence: rate,
    connect:
      connect === 'none'
        ? null
        : {
            accountId: `acct_1Q${hex(0x5a3 + i * 977, 14).toUpperCase()}`,
            dashboardUrl: `https://dashboard.stripe.com/test/connect/accounts/acct_1Q${hex(0x5a3 + i * 977, 14).toUpperCase()}`,
            status:
              connect === 'restricted' ? 'restricted' : connect === 'payouts_off' ? 'pending' : 'enabled',
            chargesEnabled: connect !== 'restricted',
            payoutsEnabled: connect === 'ok',
            disabledReason: connect === 'restricted' ? 'requirements.past_due' : null,
            requirementsDue:
              connect === 'restricted'
                ? ['individual.verification.document', 'external_account']
                : connect === 'payouts_off'
                  ? ['external_account']
                  : [],
          },
    earnedPence: 0,
    paidPence: 0,
    clawbacksPence: 0,
    owedPence: 0,
    creditHours: 0,
    creditPence: 0,
    flag:
      connect === 'none'
        ? {
            code: 'no_account',
            reason:
              'No connected Stripe account: transfers cannot be sent until Connect onboarding is finished.',
          }
        : connect === 'restricted'
          ? {
              code: 'restricted',
              reason:
                'Stripe account restricted (requirements past due): Stripe needs more information before it pays out.',
            }
          : connect === 'payouts_off'
            ? { code: 'payouts_disabled', reason: 'Payouts disabled by Stripe: transfers would be held.' }
            : null,
    nextFriday: null,
  }));
  const payments: PaymentDetail[] = [];
  for (let n = 1; n <= 72; n++) {
    const instructor = instructors[(n * 5) % instructors.length]!;
    const learnerName = LEARNERS[(n * 7) % LEARNERS.length]!;
    const learnerId = id(3, (n * 7) % LEARNERS.length);
    const type = n % 5 === 0 ? 'credit_pack' : 'lesson';
    const hours = type === 'credit_pack' ? 5 : 1 + (n % 2);
    const list = instructor.hourlyRatePence * hours;
    const code = n % 9 === 0 ? 'WELCOME10' : n % 13 === 0 ? 'REF-AMIRA' : null;
    const discount = code === 'WELCOME10' ? Math.floor(list / 10) : code ? Math.floor(list / 20) : 0;
    const total = list - discount;
    const fee = Math.floor((list * 18) / 100) - discount;
    const status =
      n === 2
        ? 'pending'
        : n % 17 === 0
          ? 'refunded'
          : n % 11 === 0
            ? 'partially_refunded'
            : n % 23 === 0
              ? 'failed'
              : 'succeeded';
    const refunded =
      status === 'refunded' ? total : status === 'partially_refunded' ? Math.floor(total / 2) : 0;
    const createdAt = now - n * 13 * 3_600_000 - (n % 7) * 600_000;
    const pid = id(4, n);
    const pi = stripeId('pi', n);
    const prepaid = `learner_prepaid:${learnerId}:${instructor.id}`;
    const instrShare = total - fee;
    const stripeFee = 20 + Math.floor((total * 15) / 1000);
    const journal: PaymentDetail['journal'] =
      status === 'pending' || status === 'failed'
        ? []
        : [
            {
              id: `jt_pay_${n}`,
              kind: 'payment',
              description: `Charge ${pi}`,
              occurredAt: createdAt,
              totalPence: 0,
              lines: [
                { lineNo: 1, account: 'stripe_balance', amountPence: total },
                ...(discount ? [{ lineNo: 2, account: 'discounts_expense', amountPence: discount }] : []),
                { lineNo: 3, account: prepaid, amountPence: -list },
              ],
            },
            {
              id: `jt_fee_${n}`,
              kind: 'stripe_fee',
              description: 'Stripe processing fee',
              occurredAt: createdAt,
              totalPence: 0,
              lines: [
                { lineNo: 1, account: 'stripe_fees_expense', amountPence: stripeFee },
                { lineNo: 2, account: 'stripe_balance', amountPence: -stripeFee },
              ],
            },
          ];
    const later = (days: number) => createdAt + days * 86_400_000;
    if (status === 'succeeded' && later(2) < now)
      journal.push({
        id: `jt_done_${n}`,
        kind: 'lesson_completion',
        description: `${hours} h completed`,
        occurredAt: later(2),
        totalPence: 0,
        lines: [
          { lineNo: 1, account: prepaid, amountPence: list },
          { lineNo: 2, account: `instructor_payable:${instructor.id}`, amountPence: -instrShare },
          { lineNo: 3, account: 'platform_fee_revenue', amountPence: -(list - instrShare) },
        ],
      });
    if (status === 'succeeded' && later(9) < now && instructor.flag === null)
      journal.push({
        id: `jt_tr_${n}`,
        kind: 'transfer',
        description: 'Friday payout to the instructor',
        occurredAt: later(9),
        totalPence: 0,
        lines: [
          { lineNo: 1, account: `instructor_payable:${instructor.id}`, amountPence: instrShare },
          { lineNo: 2, account: 'stripe_balance', amountPence: -instrShare },
        ],
      });
    if (refunded)
      journal.push({
        id: `jt_ref_${n}`,
        kind: 'refund',
        description: 'Refund to the learner',
        occurredAt: later(1),
        totalPence: 0,
        lines: [
          { lineNo: 1, account: prepaid, amountPence: refunded },
          { lineNo: 2, account: 'stripe_balance', amountPence: -refunded },
        ],
      });
    payments.push({
      payment: {
        id: pid,
        createdAt,
        updatedAt: createdAt,
        status,
        type,
        hours,
        learner: {
          id: learnerId,
          name: learnerName,
          email: `${learnerName.toLowerCase().replace(' ', '.')}@example.com`,
        },
        instructor: { id: instructor.id, name: instructor.name },
        paymentIntentId: pi,
        totalPence: total,
        instructorPence: total - fee,
        feePence: fee,
        discountPence: discount,
        refundedPence: refunded,
        code,
        codeKind: code === 'WELCOME10' ? 'discount' : code ? 'referral' : null,
      },
      stripe: {
        paymentIntent: { id: pi, url: `https://dashboard.stripe.com/test/payments/${pi}` },
        charge:
          status === 'pending'
            ? null
            : {
                id: stripeId('ch', n),
                url: `https://dashboard.stripe.com/test/payments/${stripeId('ch', n)}`,
              },
      },
      refunds: refunded
        ? [
            {
              id: id(5, n),
              stripeRefundId: stripeId('re', n),
              amountPence: refunded,
              hours: null,
              status: 'succeeded',
              reason: 'requested_by_customer',
              createdAt: createdAt + 86_400_000,
            },
          ]
        : [],
      journal,
      credit: {
        id: id(6, n),
        hoursPurchased: hours + 3,
        hoursUsed: (n % 3) + 1,
        hoursRefunded: n % 4 === 0 ? 1 : 0,
        isActive: true,
        updatedAt: createdAt,
      },
      audit: [],
    });
    if (journal.some((t) => t.kind === 'lesson_completion')) {
      instructor.earnedPence += instrShare;
      if (journal.some((t) => t.kind === 'transfer')) instructor.paidPence += instrShare;
    } else if (status === 'succeeded') {
      instructor.creditHours += hours;
      instructor.creditPence += list;
    }
  }
  for (const i of instructors) {
    i.owedPence = i.earnedPence - i.paidPence - i.clawbacksPence;
    // Next Friday's line of the payout preview: the whole of what is owed, held when Stripe cannot pay them.
    if (i.owedPence !== 0)
      i.nextFriday = {
        date: '2026-11-27',
        owedPence: i.owedPence,
        status: i.flag ? 'held' : 'ready',
        heldReason: i.flag?.reason ?? null,
      };
  }
  return { payments, instructors };
}

const SERIES_OF: Record<KpiKey, Kpi['kind']> = {
  grossVolume: 'flow',
  platformFee: 'flow',
  refunds: 'flow',
  instructorPayable: 'balance',
  learnerPrepaid: 'balance',
  stripeBalance: 'balance',
};

/** An overview derived from the fake payments, in the contract's shape (flows summed per day, balances accumulated). */
export function overviewOf(payments: PaymentDetail[], period: OverviewPeriod, now: number): OverviewSummary {
  const today = londonDate(now);
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const first = `${today.slice(0, 7)}-01`;
  const cal = {
    today: { from: today, to: today, pf: addDays(today, -1), pt: addDays(today, -1), s: addDays(today, -6) },
    week: {
      from: monday,
      to: addDays(monday, 6),
      pf: addDays(monday, -7),
      pt: addDays(monday, -1),
      s: monday,
    },
    month: {
      from: first,
      to: addDays(`${addDays(first, 32).slice(0, 7)}-01`, -1),
      pf: `${addDays(first, -1).slice(0, 7)}-01`,
      pt: addDays(first, -1),
      s: first,
    },
  }[period];
  const days: string[] = [];
  for (let d = cal.s; d <= today; d = addDays(d, 1)) days.push(d);
  const captured = payments.filter((p) => !['pending', 'failed', 'canceled'].includes(p.payment.status));
  const flowBetween = (pick: (p: PaymentDetail) => number, start: number, end: number) =>
    captured
      .filter((p) => p.payment.createdAt >= start && p.payment.createdAt < end)
      .reduce((s, p) => s + pick(p), 0);
  const flow = (pick: (p: PaymentDetail) => number, from: string, to: string) =>
    flowBetween(pick, londonMidnight(from), londonMidnight(addDays(to, 1)));
  const previousStart = londonMidnight(cal.pf);
  const previousEnd = Math.min(
    londonMidnight(addDays(cal.pt, 1)),
    previousStart + (now - londonMidnight(cal.from)),
  );
  const lines = payments.flatMap((p) =>
    p.journal.flatMap((t) => t.lines.map((l) => ({ ...l, at: t.occurredAt }))),
  );
  const balance = (prefix: string, sign: number, before: number) =>
    sign *
    lines.filter((l) => l.account.startsWith(prefix) && l.at < before).reduce((s, l) => s + l.amountPence, 0);
  const pick: Record<KpiKey, (p: PaymentDetail) => number> = {
    grossVolume: (p) => p.payment.totalPence,
    platformFee: (p) => p.payment.feePence,
    refunds: (p) => p.payment.refundedPence,
    instructorPayable: () => 0,
    learnerPrepaid: () => 0,
    stripeBalance: () => 0,
  };
  const balances: Partial<Record<KpiKey, [string, number]>> = {
    instructorPayable: ['instructor_payable:', -1],
    learnerPrepaid: ['learner_prepaid:', -1],
    stripeBalance: ['stripe_balance', 1],
  };
  const kpis = {} as Record<KpiKey, Kpi>;
  for (const key of Object.keys(SERIES_OF) as KpiKey[]) {
    const b = balances[key];
    const at = (day: string) =>
      b ? balance(b[0], b[1], londonMidnight(addDays(day, 1))) : flow(pick[key], day, day);
    kpis[key] = {
      key,
      kind: SERIES_OF[key],
      valuePence: b ? at(today) : flow(pick[key], cal.from, cal.to),
      previousPence: b
        ? balance(b[0], b[1], previousEnd)
        : flowBetween(pick[key], previousStart, previousEnd),
      series: days.map((day) => ({ day, pence: at(day) })),
    };
  }
  return {
    period,
    range: { from: cal.from, to: cal.to },
    previousRange: { from: cal.pf, to: cal.pt },
    asOf: now,
    hasData: payments.length > 0,
    kpis,
    stripeReported: payments.length
      ? { pence: kpis.stripeBalance.valuePence, observedAt: now - 40_000, refundsNotYetPaidPence: 0 }
      : null,
  };
}

/** A connected demo account, caught up, with nothing running. */
export function connectedSync(now: number, patch: Partial<SyncStatus> = {}): SyncStatus {
  return {
    connected: true,
    mode: 'demo',
    account: { id: 'acct_1QDemoPlatform', name: 'LPlate Ltd (demo)', country: 'GB' },
    keyLast4: 'x4Qa',
    unreadable: [],
    unwritable: [],
    lastEventAt: now - 12_000,
    lastSyncAt: now - 9_000,
    lagSeconds: 3,
    pollIntervalSeconds: 30,
    job: null,
    openErrors: 0,
    errors: [],
    healedByBackfillAt: null,
    ...patch,
  };
}

export function syncError(now: number, n: number, patch: Partial<SyncErrorView> = {}): SyncErrorView {
  return {
    id: id(7, n),
    scope: 'event',
    code: 'missing_metadata',
    message: `Payment intent ${stripeId('pi', 900 + n)} has no lplate_instructor_id in its metadata.`,
    hint: 'Add the metadata in Stripe, or attribute the payment by hand in Unattributed; sync retries it on the next pass.',
    objectId: stripeId('pi', 900 + n),
    eventId: `evt_${hex(n * 7919, 16)}`,
    occurrences: n,
    firstSeenAt: now - 3_600_000 * n,
    lastSeenAt: now - 60_000 * n,
    resolvedAt: null,
    ...patch,
  };
}

const CODE_TEXTS: [
  code: string,
  pct: number,
  uses: number,
  max: number | null,
  expiresIn: number | null,
  active: boolean,
  stripe: CodeStripeState,
][] = [
  ['WELCOME10', 10, 212, null, null, true, { state: 'in_step' }],
  ['SUMMER15', 15, 64, null, -14, true, { state: 'in_step' }],
  ['LPLATE20', 20, 40, 40, null, true, { state: 'in_step' }],
  ['SPRING5', 5, 3, 500, 120, false, { state: 'stripe_only' }],
  [
    'FREELESSON',
    100,
    2,
    5,
    60,
    true,
    {
      state: 'refused',
      reason:
        'Stripe refused (resource_already_exists): An active promotion code with `code: FREELESSON` already exists.',
      jobId: null,
    },
  ],
];

/** The demo's codes: a few discount codes and referral codes, each mirroring a Stripe promotion code. */
export function demoCodes(now: number, referrers: { id: string; name: string }[]): CodeRow[] {
  const today = londonDate(now);
  const row = (
    kind: CodeRow['kind'],
    n: number,
    code: string,
    pct: number,
    uses: number,
    max: number | null,
    expires: number | null,
    active: boolean,
    referrer: CodeRow['referrer'],
    stripe: CodeStripeState,
  ): CodeRow => {
    const expiresOn = expires === null ? null : addDays(today, expires);
    const promo = `promo_1Q${hex(0x7c1 + n * 331, 14).toUpperCase()}`;
    return {
      id: id(9, n),
      kind,
      code,
      percentage: pct,
      usesCount: uses,
      maxUses: max,
      expiresOn,
      isActive: active,
      status: codeStatus({ isActive: active, expiresOn, usesCount: uses, maxUses: max }, today),
      referrer,
      revenuePence: uses * 3_540,
      madeIn: stripe.state === 'stripe_only' ? 'stripe' : 'console',
      createdBy: stripe.state === 'stripe_only' ? null : 'Farah Finance',
      takenOverBy: null,
      createdAt: now - 86_400_000 * (120 - n * 7),
      batchId: null,
      stripe,
      stripePromotionCodeId: promo,
      dashboardUrl: `https://dashboard.stripe.com/test/promotion_codes/${promo}`,
      stripeTimesRedeemed: stripe.state === 'stripe_only' ? uses + 1 : uses,
      flags:
        stripe.state === 'stripe_only'
          ? [
              {
                kind: 'count_differs',
                message: `Stripe counted ${uses + 1} redemptions; ${uses} succeeded payments used it.`,
              },
              {
                kind: 'made_in_stripe',
                message: 'Made in Stripe, not in the console: take it over to manage it here.',
              },
            ]
          : [],
    };
  };
  return [
    ...CODE_TEXTS.map(([code, pct, uses, max, expires, active, stripe], i) =>
      row('discount', i + 1, code, pct, uses, max, expires, active, null, stripe),
    ),
    ...referrers.map((r, i) =>
      row(
        'referral',
        20 + i,
        `REF-${r.name.split(' ')[0]!.toUpperCase().slice(0, 6)}`,
        10,
        (i * 3) % 7,
        null,
        null,
        true,
        r,
        { state: 'in_step' },
      ),
    ),
  ];
}

/** A code's status on a London date (the server's rule). */
export function codeStatus(
  c: Pick<CodeRow, 'isActive' | 'expiresOn' | 'usesCount' | 'maxUses'>,
  today: string,
): CodeRow['status'] {
  if (!c.isActive) return 'paused';
  if (c.expiresOn !== null && c.expiresOn < today) return 'expired';
  return c.maxUses !== null && c.usesCount >= c.maxUses ? 'exhausted' : 'active';
}

export function listCodes(rows: CodeRow[], input: ParsedInputOf<'codes.list'>): Page<CodeRow> {
  const q = input.q?.toUpperCase();
  const filtered = rows.filter(
    (r) =>
      r.kind === input.kind && (!input.status || r.status === input.status) && (!q || r.code.includes(q)),
  );
  const key = {
    code: (r: CodeRow) => r.code,
    percentage: (r: CodeRow) => r.percentage,
    uses: (r: CodeRow) => r.usesCount,
    expires: (r: CodeRow) => r.expiresOn ?? '9999-12-31',
    created: (r: CodeRow) => r.createdAt,
  }[input.sort.column];
  return pageOf(sortBy(filtered, key, input.sort.direction), input);
}

/** A code's insight from the demo payments that used it (succeeded or refunded), weeks from the first use. */
export function codeDetailOf(
  code: CodeRow,
  payments: PaymentDetail[],
  now: number,
): Omit<CodeDetail, 'writes'> {
  const used = payments
    .map((p) => p.payment)
    .filter((p) => p.code === code.code && p.status !== 'pending' && p.status !== 'failed')
    .sort((a, b) => a.createdAt - b.createdAt);
  const weekOf = (date: string) => addDays(date, -((weekday(date) + 6) % 7));
  const byWeek = new Map<string, { uses: number; revenuePence: number }>();
  for (const p of used) {
    const w = weekOf(londonDate(p.createdAt));
    const entry = byWeek.get(w) ?? { uses: 0, revenuePence: 0 };
    entry.uses += 1;
    entry.revenuePence += p.totalPence;
    byWeek.set(w, entry);
  }
  const weeks: CodeDetail['weeks'] = [];
  if (used.length > 0) {
    const last = weekOf(londonDate(now));
    for (let w = weekOf(londonDate(used[0]!.createdAt)); w <= last; w = addDays(w, 7))
      weeks.push({ week: w, ...(byWeek.get(w) ?? { uses: 0, revenuePence: 0 }) });
  }
  const sum = (f: (p: (typeof used)[number]) => number) => used.reduce((n, p) => n + f(p), 0);
  return {
    code,
    weeks,
    totals: {
      uses: used.length,
      revenuePence: sum((p) => p.totalPence),
      discountPence: sum((p) => p.discountPence),
      refundedPence: sum((p) => p.refundedPence),
      netFeePence: sum((p) => p.feePence),
      instructorPence: sum((p) => p.instructorPence),
    },
    ownReferrerUses: code.referrer ? used.filter((p) => p.learner.id === code.referrer!.id).length : 0,
    promotions: code.stripePromotionCodeId
      ? [
          {
            id: code.stripePromotionCodeId,
            active: code.isActive,
            maxRedemptions: code.maxUses,
            expiresOn: code.expiresOn,
            timesRedeemed: code.stripeTimesRedeemed ?? 0,
            percentage: code.percentage,
            createdAt: code.createdAt,
            mirrored: true,
            dashboardUrl: code.dashboardUrl!,
          },
        ]
      : [],
  };
}

/** The referrers' league table from the referral codes and the people who own them. */
export function referrerRows(
  codes: CodeRow[],
  people: PersonMatch[],
  sort: ParsedInputOf<'codes.referrers'>['sort'],
  q?: string,
): ReferrerRow[] {
  const byId = new Map<string, ReferrerRow>();
  for (const c of codes) {
    if (c.kind !== 'referral' || !c.referrer) continue;
    const person = people.find((p) => p.id === c.referrer!.id);
    const row = byId.get(c.referrer.id) ?? {
      referrer: { id: c.referrer.id, name: c.referrer.name, email: person?.email ?? '' },
      codes: [],
      referredLearners: 0,
      uses: 0,
      revenuePence: 0,
      discountPence: 0,
    };
    row.codes.push(c.code);
    row.uses += c.usesCount;
    row.referredLearners += Math.max(0, c.usesCount - 1);
    row.revenuePence += c.revenuePence;
    row.discountPence += Math.floor((c.revenuePence * c.percentage) / (100 - c.percentage || 1));
    byId.set(c.referrer.id, row);
  }
  const needle = q?.toLowerCase();
  const rows = [...byId.values()].filter(
    (r) =>
      !needle ||
      r.referrer.name.toLowerCase().includes(needle) ||
      r.referrer.email.toLowerCase().includes(needle),
  );
  const key = {
    learners: (r: ReferrerRow) => r.referredLearners,
    revenue: (r: ReferrerRow) => r.revenuePence,
    uses: (r: ReferrerRow) => r.uses,
  }[sort.column];
  return sortBy(rows, key, sort.direction);
}
