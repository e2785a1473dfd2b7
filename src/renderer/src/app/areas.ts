// Every area of the console, in sidebar order; an area with a `method` is shown only to roles the contract lets call it.
import type { MethodName, Role } from '@shared/contract';
import { canAccess } from '../lib/api';

export type AreaId =
  | 'overview'
  | 'payments'
  | 'payouts'
  | 'refunds'
  | 'codes'
  | 'credits'
  | 'instructors'
  | 'unattributed'
  | 'audit'
  | 'reconciliation'
  | 'settings'
  | 'operators';

export interface Area {
  id: AreaId;
  path: string;
  label: string;
  group: 'work' | 'admin';
  /** The contract method the page is built on: its `access` decides who sees the area. */
  method: MethodName;
}

export const AREAS: Area[] = [
  { id: 'overview', path: '/overview', label: 'Overview', group: 'work', method: 'overview.summary' },
  { id: 'payments', path: '/payments', label: 'Payments', group: 'work', method: 'payments.list' },
  { id: 'payouts', path: '/payouts', label: 'Payouts', group: 'work', method: 'payouts.preview' },
  { id: 'refunds', path: '/refunds', label: 'Refunds', group: 'work', method: 'refunds.list' },
  { id: 'codes', path: '/codes', label: 'Codes', group: 'work', method: 'codes.list' },
  { id: 'credits', path: '/credits', label: 'Credits', group: 'work', method: 'credits.list' },
  {
    id: 'instructors',
    path: '/instructors',
    label: 'Instructors',
    group: 'work',
    method: 'instructors.list',
  },
  {
    id: 'unattributed',
    path: '/unattributed',
    label: 'Unattributed',
    group: 'work',
    method: 'unattributed.list',
  },
  { id: 'audit', path: '/audit', label: 'Audit log', group: 'work', method: 'audit.list' },
  {
    id: 'reconciliation',
    path: '/reconciliation',
    label: 'Reconciliation',
    group: 'work',
    method: 'recon.history',
  },
  { id: 'settings', path: '/settings', label: 'Settings', group: 'admin', method: 'settings.get' },
  { id: 'operators', path: '/operators', label: 'Operators', group: 'admin', method: 'operators.list' },
];

export function visibleAreas(role: Role | null | undefined): Area[] {
  return AREAS.filter((a) => canAccess(a.method, role));
}

export function areaForPath(path: string): Area | undefined {
  return AREAS.find((a) => path === a.path || path.startsWith(`${a.path}/`));
}
