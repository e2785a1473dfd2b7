// The headless host's and CLI's secret store: a Stripe key given for one run (STRIPE_SECRET_KEY, --stripe-key-file)
// wins and is never written; otherwise the key an admin connected is kept in the workspace's keyring file.
import type { SecretStore } from '../secrets/secret-store';
import { environmentSecretStore } from '../secrets/secret-store';
import { hostKeyring } from '../secrets/host-keyring';
import { STRIPE_KEY_SECRET } from '../sync/engine';

export function hostSecretStore(
  workspaceDir: string,
  env: Record<string, string | undefined>,
  keyFile?: string,
): SecretStore {
  return environmentSecretStore(
    { [STRIPE_KEY_SECRET]: { env: 'STRIPE_SECRET_KEY', file: keyFile } },
    hostKeyring(workspaceDir, env),
  );
}
