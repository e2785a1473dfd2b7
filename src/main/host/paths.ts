// Where the host and CLI find the app's files (migrations, built UI) and the user's default workspace.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MIGRATIONS_DIR = join(APP_ROOT, 'drizzle');
export const RENDERER_DIR = join(APP_ROOT, 'out', 'renderer');

/** The same folder Electron's userData points at for productName "LPlate back office". */
export function defaultWorkspaceDir(): string {
  const home = homedir();
  const base =
    process.platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : process.platform === 'win32'
        ? (process.env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : (process.env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'LPlate back office', 'workspaces', 'default');
}
