// Where the headless host and the CLI keep a connected Stripe key: a 0600 file outside the workspace folder (so a
// copied workspace never carries it), one per workspace folder. The desktop app encrypts it with safeStorage instead.
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SecretStore } from './secret-store';

/** `LPLATE_KEY_DIR`, else `$XDG_CONFIG_HOME/lplate/keys`, else `~/.config/lplate/keys`. */
export function hostKeyDir(env: Record<string, string | undefined>): string {
  if (env.LPLATE_KEY_DIR) return env.LPLATE_KEY_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'lplate', 'keys');
}

/** The keyring file of a workspace folder, named after a hash of the folder's real path. */
export function hostKeyringFile(keyDir: string, workspaceDir: string): string {
  const dir = existsSync(workspaceDir) ? realpathSync(workspaceDir) : resolve(workspaceDir);
  return join(keyDir, `workspace-${createHash('sha256').update(dir).digest('hex').slice(0, 32)}.json`);
}

type Secrets = Record<string, string>;

export function hostKeyring(workspaceDir: string, env: Record<string, string | undefined>): SecretStore {
  const keyDir = hostKeyDir(env);
  const file = hostKeyringFile(keyDir, workspaceDir);
  const read = (): Secrets => {
    if (!existsSync(file)) return {};
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { version?: number; secrets?: Secrets };
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null)
      throw new Error(`${file} is not a keyring this version of the console understands.`);
    return { ...parsed.secrets };
  };
  const write = (secrets: Secrets): void => {
    if (Object.keys(secrets).length === 0) return rmSync(file, { force: true });
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    chmodSync(keyDir, 0o700);
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify({ version: 1, workspace: workspaceDir, secrets }, null, 2), {
      mode: 0o600,
    });
    renameSync(tmp, file);
  };
  return {
    get: (name) => read()[name] ?? null,
    set(name, value) {
      write({ ...read(), [name]: value });
    },
    delete(name) {
      const secrets = read();
      if (!(name in secrets)) return;
      delete secrets[name];
      write(secrets);
    },
  };
}
