// Where the core keeps secrets (the Stripe key, the audit key). The app uses safeStorage; the host and CLI read the
// Stripe key from the environment or a file, and keep the console's own keys in a keyring file (keyring-file.ts).
import { readFileSync } from 'node:fs';

export interface SecretStore {
  /** Where the secrets are kept, for messages (a file path, "the OS keychain"…). */
  readonly where?: string;
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** For the headless host and CLI: secrets come from the environment (e.g. STRIPE_SECRET_KEY) or a key file; nothing is written. */
export function environmentSecretStore(
  sources: Record<string, { env?: string; file?: string }>,
): SecretStore {
  return {
    get(name) {
      const source = sources[name];
      if (!source) return null;
      if (source.file) return readFileSync(source.file, 'utf8').trim();
      return (source.env && process.env[source.env]) || null;
    },
    set(name) {
      throw new Error(
        `The headless console does not store secrets. Provide ${name} through ${sources[name]?.env ?? 'the environment'} or a key file.`,
      );
    },
    delete() {},
  };
}
