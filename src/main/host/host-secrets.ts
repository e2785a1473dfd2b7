// The headless host's and CLI's Stripe key store: a key given for one run (STRIPE_SECRET_KEY, --stripe-key-file) wins
// and is never written; otherwise the key an admin connected is kept in the workspace's keyring (a 0600 file outside
// the workspace folder, beside the audit chain's key).
import type { SecretStore } from '../secrets/secret-store';
import { environmentSecretStore } from '../secrets/secret-store';
import { STRIPE_KEY_SECRET } from '../sync/engine';

export function hostSecretStore(keyFile?: string): (keyring: SecretStore) => SecretStore {
  return (keyring) =>
    environmentSecretStore({ [STRIPE_KEY_SECRET]: { env: 'STRIPE_SECRET_KEY', file: keyFile } }, keyring);
}
