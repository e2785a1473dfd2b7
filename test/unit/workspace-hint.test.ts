import { describe, expect, it } from 'vitest';
import { workspaceHint } from '../../src/main/host/workspace-hint';

const status = (mode: 'none' | 'demo' | 'test' | 'live', needsFirstAdmin = false) => ({
  needsFirstAdmin,
  workspace: { name: 'ws', mode },
});

describe('what lplate serve says about the workspace it opened', () => {
  it('tells a new real workspace apart from the demo, and says how Stripe gets connected', () => {
    expect(workspaceHint('/srv/lplate', status('none', true))).toBe(
      'New real workspace (/srv/lplate): create its first admin in the browser. Stripe is not connected: an admin connects it under Settings → Stripe, or with `lplate stripe connect`. For the demo instead, run serve without --workspace.',
    );
    expect(workspaceHint('/d', status('demo'))).toMatch(/^Demo workspace \(\/d\): simulated Stripe data/);
    expect(workspaceHint('/srv/lplate', status('live'))).toBe(
      'Real workspace (/srv/lplate). Stripe is connected in live mode.',
    );
  });
});
