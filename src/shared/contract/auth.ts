// Sign-in, first-run and session methods (DOMAIN.md §10).
import { z } from 'zod';
import { method, ROLES, type Role } from './define';
import { noInput } from './common';

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,31}$/,
    'A username is 2 to 32 lower-case letters, digits, dots, dashes or underscores.',
  );
export const password = z
  .string()
  .min(10, 'A password needs at least 10 characters.')
  .max(200, 'A password can be at most 200 characters.');
export const displayName = z
  .string()
  .trim()
  .min(1, 'A name is required.')
  .max(100, 'A name can be at most 100 characters.');
/** An email as it is compared and stored: trimmed and lower-cased first (` Ada@Example.com` is `ada@example.com`). */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email({ message: 'Enter an email address, like name@example.com.' })
      .max(200, 'An email address can be at most 200 characters.'),
  );
/** The same normalisation for emails that do not come through a form: the marketplace's, synced from Stripe. */
export const normaliseEmail = (text: string): string => text.trim().toLowerCase();
export const role = z.enum(ROLES);

export interface OperatorView {
  id: string;
  username: string;
  name: string;
  email: string;
  role: Role;
  isActive: boolean;
  lastSignInAt: number | null;
  createdAt: number;
}

export type WorkspaceMode = 'none' | 'demo' | 'test' | 'live';

export interface SessionStatus {
  needsFirstAdmin: boolean;
  operator: OperatorView | null;
  workspace: { name: string; mode: WorkspaceMode };
  idleLockMinutes: number;
  /** Shown on the sign-in screen of a demo workspace only. */
  demoCredentials: { username: string; password: string; role: Role }[];
}

export const authContract = {
  'auth.status': method<SessionStatus>()({
    input: noInput,
    access: 'public',
    reads: ['operators', 'sync_state'],
    writes: [],
    summary: 'Who is signed in, and whether the console still needs its first admin.',
  }),
  'auth.createFirstAdmin': method<OperatorView>()({
    input: z.strictObject({ username, name: displayName, email, password }),
    access: 'public',
    reads: ['operators'],
    writes: ['users', 'operators', 'audit_logs'],
    summary: 'Creates the first admin on a workspace that has no operator yet, and signs them in.',
  }),
  'auth.signIn': method<OperatorView>()({
    input: z.strictObject({ username, password: z.string().min(1, 'Enter your password.').max(200) }),
    access: 'public',
    reads: ['operators'],
    writes: ['operators', 'audit_logs'],
    summary: 'Signs an operator in on this connection.',
  }),
  'auth.signOut': method<null>()({
    input: noInput,
    access: 'signedIn',
    reads: [],
    writes: ['audit_logs'],
    summary: 'Signs the operator out of this connection.',
  }),
  'auth.changePassword': method<null>()({
    input: z.strictObject({
      currentPassword: z.string().min(1, 'Enter your current password.').max(200),
      newPassword: password,
    }),
    access: 'signedIn',
    reads: ['operators'],
    writes: ['operators', 'audit_logs'],
    summary: "Changes the signed-in operator's own password.",
  }),
};
