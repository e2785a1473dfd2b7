// Credits and lesson completions: prepaid hours per learner–instructor pair, a pair's history, and completions
// imported from the marketplace's CSV or recorded by hand (a correction is a reversal plus a new entry).
import { z } from 'zod';
import { method, type Page, type Role } from './define';
import { pageInput, uuid } from './common';
import type { TableName } from './tables';

export const CREDIT_SORTS = ['liability', 'remaining', 'learner', 'instructor', 'updated'] as const;
export type CreditSort = (typeof CREDIT_SORTS)[number];

/** Hours of a pair (or a sum of pairs): purchased = used + refunded + remaining. */
export interface CreditHours {
  hoursPurchased: number;
  hoursUsed: number;
  hoursRefunded: number;
  hoursRemaining: number;
  /** The remaining hours at their payments' list prices: what the platform holds for lessons not yet given. */
  liabilityPence: number;
}

export interface CreditRow extends CreditHours {
  /** The pair's key, `learnerId:instructorId` (the route's open row). */
  id: string;
  learner: { id: string; name: string; email: string };
  instructor: { id: string; name: string };
  updatedAt: number;
}

/**
 * A broad search's totals when more pairs match than the server adds up while the page waits (as the Payments page's):
 * `pairs` is a lower bound and no sums are given.
 */
export interface CappedCreditTotals {
  pairs: number;
  capped: true;
}

export interface CreditsPage extends Page<CreditRow> {
  /** Over every pair matching the filters (not just this page). */
  totals: (CreditHours & { pairs: number }) | CappedCreditTotals;
}

export type HistoryKind = 'payment' | 'completion' | 'reversal' | 'refund' | 'earning';

export interface HistoryEntry {
  kind: HistoryKind;
  id: string;
  at: number;
  /** Hours in (+: bought) or out (−: used, refunded); null when the entry moves no hours (an earning). */
  hours: number | null;
  amountPence: number | null;
  title: string;
  detail: string;
  /** For completions: whether it still counts, and how it came (import or console, by whom). */
  completion?: { inForce: boolean; source: 'import' | 'console'; by: string | null; note: string | null };
}

export interface PairHistory {
  credit: CreditRow | null;
  learner: { id: string; name: string; email: string };
  instructor: { id: string; name: string };
  entries: HistoryEntry[];
}

export type PreviewStatus = 'new' | 'recorded' | 'error';

export interface PreviewRow {
  line: number;
  completionId: string | null;
  learnerId: string | null;
  learnerName: string | null;
  instructorId: string | null;
  instructorName: string | null;
  hours: number | null;
  completedAt: number | null;
  status: PreviewStatus;
  /** What is wrong with the row and what to change (errors), or why it is skipped (recorded). */
  problems: string[];
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  /** A problem with the whole file (its header); no row can be read then. */
  fileProblem: string | null;
  rows: PreviewRow[];
  summary: {
    rows: number;
    new: number;
    newHours: number;
    recorded: number;
    errors: number;
    pairs: number;
    /** How far the prepaid liability falls when the new rows are recorded. */
    liabilityReleasedPence: number;
  };
  /** When this very file was imported before. */
  previousImport: { id: string; at: number; by: string | null; recorded: number } | null;
}

export interface ImportResult {
  /** null when nothing was new: the file changed nothing. */
  importId: string | null;
  rows: number;
  recorded: number;
  alreadyRecorded: number;
  hours: number;
  message: string;
}

/**
 * Whether the lesson completions the console holds are complete enough for payable and liability figures: `missing`
 * when payments arrived but no completion was ever recorded, `stale` when none was recorded for
 * STALE_COMPLETIONS_DAYS while payments kept arriving. Payable and liability are then shown as incomplete.
 */
export interface CompletionsStatus {
  state: 'current' | 'stale' | 'missing';
  /** The last completions import (epoch ms), if any. */
  lastImportAt: number | null;
  /** The last completion recorded, imported or entered by staff (epoch ms), if any. */
  lastRecordedAt: number | null;
}

export const STALE_COMPLETIONS_DAYS = 7;

export interface CompletionImportRow {
  id: string;
  fileName: string;
  at: number;
  by: string | null;
  rows: number;
  recorded: number;
  alreadyRecorded: number;
  hours: number;
}

/** Who may record completions (DOMAIN.md §10: support records; finance does everything support does). */
export const RECORD_ROLES: readonly Role[] = ['support', 'finance'];

const CREDIT_READS: TableName[] = ['learner_credits', 'credit_totals', 'users', 'instructors'];
const COMPLETION_WRITES: TableName[] = [
  'lesson_completions',
  'completion_imports',
  'audit_logs',
  'learner_credits',
  'credit_totals',
  'earnings',
  'journal_transactions',
  'journal_lines',
  'journal_daily_totals',
  'instructor_transfer_totals',
  'instructor_list',
  'recon_change_marks',
  'recon_lock_seen',
  'ledger_unproven',
  'projection_refs',
  'projection_keys',
  'sync_errors',
];
const CHECK_READS: TableName[] = [
  'lesson_completions',
  'completion_imports',
  'payments',
  'refunds',
  'users',
  'instructors',
];

/** The CSV as text: at most 5 MB (about 60,000 completions). */
const csv = z.string().max(5_000_000, 'The file is larger than 5 MB: split it and import each part.');
const fileName = z.string().trim().min(1).max(255);
const note = z.string().trim().max(500).optional();
const hours = z
  .int('Enter the hours as a whole number.')
  .min(1, 'A lesson is at least 1 hour.')
  .max(12, 'A lesson is at most 12 hours.');
const instant = z.int().min(Date.parse('2000-01-01T00:00:00Z'), 'That is not a possible date for a lesson.');

export const creditsContract = {
  'credits.list': method<CreditsPage>()({
    input: pageInput(CREDIT_SORTS, 'liability').extend({
      q: z.string().trim().max(200).optional(),
      instructorId: uuid.optional(),
      learnerId: uuid.optional(),
      /** `remaining`: pairs with hours left; `used_up`: none left. */
      state: z.enum(['remaining', 'used_up']).optional(),
    }),
    access: 'signedIn',
    reads: CREDIT_READS,
    writes: [],
    summary: 'Prepaid hours and liability per learner–instructor pair, with totals over the filtered pairs.',
  }),
  'credits.history': method<PairHistory>()({
    input: z.strictObject({ learnerId: uuid, instructorId: uuid }),
    access: 'signedIn',
    reads: [...CREDIT_READS, 'payments', 'refunds', 'lesson_completions', 'earnings', 'operators'],
    writes: [],
    summary: 'A pair’s payments, completions, reversals, refunds and earnings in time order.',
  }),
  'completions.preview': method<ImportPreview>()({
    input: z.strictObject({ fileName, csv }),
    access: RECORD_ROLES,
    reads: CHECK_READS,
    writes: [],
    summary: 'Checks every row of a completions CSV and says what importing it would do; writes nothing.',
  }),
  'completions.import': method<ImportResult>()({
    input: z.strictObject({ fileName, csv }),
    access: RECORD_ROLES,
    reads: CHECK_READS,
    writes: COMPLETION_WRITES,
    summary:
      'Imports a completions CSV: every row or none, audited, as a console record; the same file again changes nothing.',
  }),
  'completions.status': method<CompletionsStatus>()({
    input: z.strictObject({}).default({}),
    access: 'signedIn',
    reads: ['completion_imports', 'lesson_completions', 'payments'],
    writes: [],
    summary: 'Whether recorded completions are current, stale or missing, with the date of the last import.',
  }),
  'completions.imports': method<CompletionImportRow[]>()({
    input: z.strictObject({ limit: z.int().min(1).max(100).default(20) }),
    access: 'signedIn',
    reads: ['completion_imports', 'users'],
    writes: [],
    summary: 'The latest completions imports: file, who, when, rows and hours.',
  }),
  'completions.record': method<{ completionId: string }>()({
    input: z.strictObject({
      /** Chosen by the caller so a repeated submit records once. */
      id: uuid,
      learnerId: uuid,
      instructorId: uuid,
      hours,
      completedAt: instant,
      note,
    }),
    access: RECORD_ROLES,
    reads: CHECK_READS,
    writes: COMPLETION_WRITES,
    summary: 'Records a lesson completion by hand (audited); it consumes the pair’s oldest paid hours.',
  }),
  'completions.reverse': method<{ reversalId: string; replacementId: string | null }>()({
    input: z.strictObject({
      completionId: uuid,
      reason: z.string().trim().min(3, 'Say why, in a few words (at least 3 characters).').max(500),
      /** The corrected lesson, recorded in the same transaction; omitted when the lesson did not happen. */
      replacement: z.strictObject({ hours, completedAt: instant }).optional(),
    }),
    access: RECORD_ROLES,
    reads: CHECK_READS,
    writes: COMPLETION_WRITES,
    summary: 'Corrects a completion: a reversal (and optionally a new entry) in one audited transaction.',
  }),
};
