// Keeps secrets (the Stripe key) encrypted with the OS keychain via safeStorage, in a file in the workspace.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../secrets/secret-store';
import { secretStorageProblem } from './policy';
import type { StorageBackend } from './policy';

export const SECRETS_FILE = 'secrets.enc.json';

/** Thrown when this machine cannot encrypt secrets; its message says what to install. */
export class SecretStorageUnavailableError extends Error {
  override name = 'SecretStorageUnavailableError';
}

interface SecretsFile {
  version: 1;
  /** name → base64 of safeStorage.encryptString(value) */
  secrets: Record<string, string>;
}

function storageProblem(): string | null {
  return secretStorageProblem({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend:
      process.platform === 'linux' ? (safeStorage.getSelectedStorageBackend() as StorageBackend) : null,
  });
}

function assertUsable(): void {
  const problem = storageProblem();
  if (problem) throw new SecretStorageUnavailableError(problem);
}

/** Call after `app` is ready: safeStorage cannot answer before. */
export function createSafeStorageSecretStore(workspaceDir: string): SecretStore {
  const file = path.join(workspaceDir, SECRETS_FILE);

  const read = (): SecretsFile => {
    if (!existsSync(file)) return { version: 1, secrets: {} };
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SecretsFile>;
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new Error(`${file} is not a secrets file this version of the console understands.`);
    }
    return { version: 1, secrets: { ...parsed.secrets } };
  };

  const write = (data: SecretsFile): void => {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(tmp, file);
  };

  return {
    where: `${file} (encrypted with the OS keychain)`,
    get(name: string): string | null {
      const stored = read().secrets[name];
      if (stored === undefined) return null;
      assertUsable();
      return safeStorage.decryptString(Buffer.from(stored, 'base64'));
    },
    set(name: string, value: string): void {
      assertUsable();
      const data = read();
      data.secrets[name] = safeStorage.encryptString(value).toString('base64');
      write(data);
    },
    delete(name: string): void {
      const data = read();
      if (!(name in data.secrets)) return;
      delete data.secrets[name];
      write(data);
    },
  };
}
