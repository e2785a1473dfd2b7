// How roles read on screen: a word and a colour for each (the rules themselves live in the contract and main).
import { ROLES, type Role } from '@shared/contract';
import type { BadgeTone } from '../../components/ui';

export const ROLE_LABEL: Record<Role, string> = {
  support: 'Support',
  finance: 'Finance',
  manager: 'Manager',
  admin: 'Admin',
};
export const ROLE_TONE: Record<Role, BadgeTone> = {
  support: 'grey',
  finance: 'blue',
  manager: 'accent',
  admin: 'amber',
};

/** Roles the signed-in operator may grant: only an admin may grant admin (main enforces this too). */
export function grantableRoles(actor: Role): Role[] {
  return ROLES.filter((r) => r !== 'admin' || actor === 'admin');
}
