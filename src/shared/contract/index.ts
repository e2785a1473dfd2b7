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

export interface JobProgress {
  jobId: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Items done and (when known) expected, per part of the job (e.g. per Stripe object type). */
  parts: { name: string; done: number; total: number | null }[];
  done: number;
  total: number | null;
  ratePerSecond: number | null;
  etaSeconds: number | null;
  message: string;
}

export * from './define';
export * from './tables';
