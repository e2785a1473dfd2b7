// The headless host's and CLI's keyring: the console's own keys (the audit chain's key and anchored head) in a 0600
// file outside the workspace folder. The environment store only reads; the app keeps these in safeStorage instead.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { SecretStore } from './secret-store';

/** `LPLATE_KEY_DIR`, else `$XDG_CONFIG_HOME/lplate/keys`, else `~/.config/lplate/keys`. */
export function defaultKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LPLATE_KEY_DIR) return env.LPLATE_KEY_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'lplate', 'keys');
}

/** The keyring file of one workspace (named by the id the workspace keeps in `workspace_identity`). */
export function keyringFile(dir: string, workspaceId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(workspaceId)) throw new Error(`"${workspaceId}" is not a workspace id.`);
  return join(dir, `${workspaceId}.json`);
}

interface KeyringFile {
  version: 1;
  secrets: Record<string, string>;
}

export function fileKeyring(dir: string, workspaceId: string): SecretStore {
  const file = keyringFile(dir, workspaceId);
  const read = (): KeyringFile => {
    if (!existsSync(file)) return { version: 1, secrets: {} };
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyringFile>;
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null)
      throw new Error(`${file} is not a keyring this version of the console understands.`);
    return { version: 1, secrets: { ...parsed.secrets } };
  };
  const write = (data: KeyringFile): void => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    // A name of its own per write: processes sharing the workspace may write at once; the last rename wins whole.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
    renameSync(tmp, file);
  };
  return {
    where: file,
    get: (name) => read().secrets[name] ?? null,
    set(name, value) {
      const data = read();
      data.secrets[name] = value;
      write(data);
    },
    delete(name) {
      const data = read();
      if (!(name in data.secrets)) return;
      delete data.secrets[name];
      write(data);
    },
  };
}
