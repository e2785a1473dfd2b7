// The desktop's workspace methods as the core answers them: a core is one workspace, opened by whoever started it
// (the headless host, the CLI); only the desktop's shell (desktop/shell.ts) opens and switches workspaces.
import type { Handlers } from '../api/context';
import { AppError } from '../api/errors';

const notHere = () => {
  throw new AppError(
    'conflict',
    'Only the desktop app opens or connects workspaces; this console serves the one it was started on.',
  );
};

export const desktopHandlers: Handlers<'desktop.workspaces' | 'desktop.probe' | 'desktop.open'> = {
  'desktop.workspaces': () => ({ available: false, current: null, recent: [], problem: null }),
  'desktop.probe': notHere,
  'desktop.open': notHere,
};
