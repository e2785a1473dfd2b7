// The whole contract: every method of every domain, merged into one typed map.
import type { z } from 'zod';
import type { MethodSpec } from './define';
import { authContract } from './auth';
import { operatorsContract } from './operators';
import { auditContract } from './audit';
import { settingsContract } from './settings';

export const contract = {
  ...authContract,
  ...operatorsContract,
  ...auditContract,
  ...settingsContract,
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
}
export type PushEventName = keyof PushEvents;
export const PUSH_EVENTS: PushEventName[] = ['changed', 'session'];

export * from './define';
export * from './tables';
