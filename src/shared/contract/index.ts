// The whole contract: every method of every domain, merged into one typed map.
import type { z } from 'zod';
import type { MethodSpec } from './define';
import { authContract } from './auth';
import { operatorsContract } from './operators';
import { auditContract } from './audit';
import { settingsContract } from './settings';
import { syncContract } from './sync';
import { ledgerContract } from './ledger';
import { paymentsContract } from './payments';
import { instructorsContract } from './instructors';
import { overviewContract } from './overview';
import { jobsContract, type JobProgress } from './jobs';
import { codesContract } from './codes';
import { peopleContract } from './people';
import { creditsContract } from './credits';
import { teamContract } from './team';
import { desktopContract } from './desktop';
import { payoutsContract } from './payouts';
import { refundsContract } from './refunds';
import { disputesContract } from './disputes';
import { reconContract } from './recon';
import { unattributedContract } from './unattributed';
import { searchContract } from './search';

// Installs zod's error map: every process that holds the contract answers bad input in sentences for people.
export { describeIssues, FIELD_LABELS, labelOf } from './messages';

export const contract = {
  ...authContract,
  ...operatorsContract,
  ...auditContract,
  ...settingsContract,
  ...syncContract,
  ...ledgerContract,
  ...paymentsContract,
  ...instructorsContract,
  ...overviewContract,
  ...jobsContract,
  ...codesContract,
  ...peopleContract,
  ...creditsContract,
  ...teamContract,
  ...desktopContract,
  ...payoutsContract,
  ...refundsContract,
  ...disputesContract,
  ...reconContract,
  ...unattributedContract,
  ...searchContract,
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = Exclude<Contract[M]['output'], undefined>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Push events from main to the renderer. */
export interface PushEvents {
  changed: { tables: string[] };
  session: { state: 'locked' | 'signedOut'; reason: string };
  /** A long job (backfill, sync pass, rebuild, payout run) reporting how far it has got. */
  progress: JobProgress;
}
export type PushEventName = keyof PushEvents;
export const PUSH_EVENTS: PushEventName[] = ['changed', 'session', 'progress'];

export type { JobProgress, JobItem, JobState, JobFile } from './jobs';
export * from './define';
export * from './tables';
