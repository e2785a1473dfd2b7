// The desktop's own workspace choice: the demo, a workspace on this computer, or a team's workspace server. Only the
// desktop app answers these (its main process); the headless console says they are not for it.
import { z } from 'zod';
import { method } from './define';
import { noInput } from './common';

export type WorkspaceRef =
  { kind: 'demo' } | { kind: 'local'; name: string } | { kind: 'server'; url: string; fingerprint: string };

export interface DesktopWorkspaces {
  /** False outside the desktop app (the browser console is served by one workspace). */
  available: boolean;
  current: WorkspaceRef | null;
  /** Most recent first, the current one included. */
  recent: WorkspaceRef[];
  /** Why the last workspace did not open (a server offline, a changed certificate), for the chooser to say. */
  problem: string | null;
}

export interface ServerProbe {
  url: string;
  /** SHA-256 of the certificate the server presented: the operator checks it with their admin, then it is pinned. */
  fingerprint: string;
  version: string;
  /** Whether this desktop's version matches the server's. */
  compatible: boolean;
}

const serverUrl = z
  .string()
  .trim()
  .max(300, 'A server address can be at most 300 characters.')
  .regex(/^https:\/\/[^\s/?#@]+\/?$/, 'Enter the server address as https://host:port.');
const fingerprint = z
  .string()
  .regex(
    /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/,
    'The server fingerprint is a SHA-256 fingerprint (32 pairs like AB:CD:…).',
  );
const localName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A workspace name is 1 to 40 lower-case letters, digits or dashes.');

export const workspaceRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo') }),
  z.strictObject({ kind: z.literal('local'), name: localName }),
  z.strictObject({ kind: z.literal('server'), url: serverUrl, fingerprint }),
]);

export const desktopContract = {
  'desktop.workspaces': method<DesktopWorkspaces>()({
    input: noInput,
    access: 'public',
    reads: [],
    writes: [],
    summary: 'Which workspace this desktop has open, and the ones it opened before.',
  }),
  'desktop.probe': method<ServerProbe>()({
    input: z.strictObject({ url: serverUrl }),
    access: 'public',
    reads: [],
    writes: [],
    summary:
      "Reaches a workspace server and reads its certificate's fingerprint and its version (nothing is sent).",
  }),
  'desktop.open': method<DesktopWorkspaces>()({
    input: z.strictObject({ target: workspaceRef }),
    access: 'public',
    reads: [],
    writes: [],
    summary:
      'Opens the demo or a workspace on this computer, or connects to a server with its pinned fingerprint.',
  }),
};
