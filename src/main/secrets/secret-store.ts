// Where the core keeps secrets (the Stripe key, the audit key). The app uses safeStorage; the host and CLI take a
// Stripe key from the environment or a key file for one run, else keep the one connected in the workspace's keyring
// file (keyring-file.ts), beside the console's own keys.
import { readFileSync } from 'node:fs';

export interface SecretStore {
  /** Where the secrets are kept, for messages (a file path, "the OS keychain"…). */
  readonly where?: string;
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/**
 * For the headless host and CLI: a secret given in the environment (e.g. STRIPE_SECRET_KEY) or a key file is used as
 * it is and never written; without one, secrets are read from and kept in `keep` (when given).
 */
export function environmentSecretStore(
  sources: Record<string, { env?: string; file?: string }>,
  keep?: SecretStore,
): SecretStore {
  const given = (name: string): string | null => {
    const source = sources[name];
    if (!source) return null;
    if (source.file) return readFileSync(source.file, 'utf8').trim();
    return (source.env && process.env[source.env]) || null;
  };
  const where = (name: string) =>
    sources[name]?.file ? `the key file ${sources[name].file}` : (sources[name]?.env ?? 'the environment');
  return {
    get: (name) => given(name) ?? keep?.get(name) ?? null,
    set(name, value) {
      if (keep && given(name) === null) return keep.set(name, value);
      throw new Error(
        keep
          ? `This console was started with its Stripe key in ${where(name)}, which it never changes: start it without that to connect another key.`
          : `The headless console does not store secrets. Provide ${name} through ${where(name)} or a key file.`,
      );
    },
    delete(name) {
      keep?.delete(name);
    },
  };
}
