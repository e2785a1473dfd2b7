// What `lplate serve` says about the workspace it opened, so that an empty real workspace is never a silent surprise:
// demo or real, whether it still needs its first admin, and how Stripe gets connected.
import type { SessionStatus } from '../../shared/contract/auth';

export function workspaceHint(
  dir: string,
  status: Pick<SessionStatus, 'needsFirstAdmin' | 'workspace'>,
): string {
  if (status.workspace.mode === 'demo')
    return `Demo workspace (${dir}): simulated Stripe data; its operators and passwords are on the sign-in screen.`;
  const stripe =
    status.workspace.mode === 'none'
      ? 'Stripe is not connected: an admin connects it under Settings → Stripe, or with `lplate stripe connect`.'
      : `Stripe is connected in ${status.workspace.mode} mode.`;
  if (status.needsFirstAdmin)
    return `New real workspace (${dir}): create its first admin in the browser. ${stripe} For the demo instead, run serve without --workspace.`;
  return `Real workspace (${dir}). ${stripe}`;
}
