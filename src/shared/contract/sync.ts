// Connecting Stripe and keeping the local copy in sync: status, on-demand passes, backfill, errors.
import { z } from 'zod';
import { method, type Page } from './define';
import { noInput, pageInput } from './common';
import type { JobProgress } from './index';

export interface SyncErrorView {
  id: string;
  scope: 'event' | 'object' | 'request' | 'backfill' | 'projection';
  code: string;
  message: string;
  hint: string;
  objectId: string | null;
  eventId: string | null;
  occurrences: number;
  firstSeenAt: number;
  lastSeenAt: number;
  resolvedAt: number | null;
}

export interface SyncStatus {
  connected: boolean;
  mode: 'demo' | 'test' | 'live' | null;
  /** The platform's Stripe account; name and country are null when a restricted key may not read it. */
  account: { id: string; name: string | null; country: string | null } | null;
  /** Only the last four characters of the key ever leave the main process. */
  keyLast4: string | null;
  /** Resources a restricted key cannot read, and what that disables. */
  unreadable: { resource: string; disables: string }[];
  /** Writes a restricted key may not make: the permission to add in Stripe, and what it disables. */
  unwritable: { resource: string; permission: string; disables: string }[];
  lastEventAt: number | null;
  lastSyncAt: number | null;
  lagSeconds: number | null;
  pollIntervalSeconds: number;
  job: JobProgress | null;
  openErrors: number;
  /** The newest open errors (at most 20). */
  errors: SyncErrorView[];
  /** When the console last healed a gap longer than the Events API keeps by backfilling. */
  healedByBackfillAt: number | null;
}

/** What connecting answers: the new status, and the first backfill's job to follow. */
export interface StripeConnected extends SyncStatus {
  backfillJobId: string;
}

const syncRoles = ['finance', 'manager', 'admin'] as const;

export const syncContract = {
  'sync.status': method<SyncStatus>()({
    input: noInput,
    access: 'signedIn',
    reads: ['sync_state', 'sync_errors', 'stripe_events'],
    writes: [],
    summary: 'Connection, mode, last event, lag, the running job and open errors.',
  }),
  'sync.run': method<{ jobId: string }>()({
    input: z.strictObject({ backfill: z.boolean().default(false) }),
    access: syncRoles,
    reads: ['sync_state'],
    writes: ['sync_state'],
    summary:
      'Starts a sync pass now ("Sync now"), or a full backfill; progress arrives as `progress` events.',
  }),
  'sync.errors': method<Page<SyncErrorView>>()({
    input: pageInput(['last_seen_at', 'occurrences', 'code'], 'last_seen_at').extend({
      open: z.boolean().default(true),
    }),
    access: 'signedIn',
    reads: ['sync_errors'],
    writes: [],
    summary: 'What sync could not do, with the object ids and what to do.',
  }),
  'stripe.connect': method<StripeConnected>()({
    input: z.strictObject({
      secretKey: z
        .string()
        .trim()
        .regex(
          /^(sk|rk)_(test|live)_[A-Za-z0-9]{8,}$/,
          'Paste a Stripe secret key (sk_test_… or sk_live_…) or restricted key (rk_…), whole.',
        ),
    }),
    access: ['admin'],
    reads: ['sync_state'],
    writes: ['sync_state', 'audit_logs', 'stripe_requests'],
    summary:
      'Checks a key (what it can read, and which writes it may make), stores it encrypted, and starts the first backfill.',
  }),
  'stripe.disconnect': method<SyncStatus>()({
    input: noInput,
    access: ['admin'],
    reads: ['sync_state'],
    writes: ['sync_state', 'audit_logs'],
    summary: 'Forgets the key and stops syncing; the local data stays.',
  }),
};
