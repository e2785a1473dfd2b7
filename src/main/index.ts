// Electron lifecycle only: one instance, the app:// scheme, the core on the default workspace, IPC and the window.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, Menu, app, dialog, session } from 'electron';
import { METHOD_NAMES, PUSH_EVENTS } from '../shared/contract/index';
import { createCore } from './core';
import { DATABASE_FILE, ensureWorkspaceDir } from './db/open';
import { demoSettings } from './demo/simulator';
import { startDemoWorkspace } from './demo/workspace';
import type { Core } from './core';
import { registerIpc } from './electron/ipc';
import type { IpcRegistration } from './electron/ipc';
import { applicationMenu } from './electron/menu';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { createSafeStorageSecretStore } from './electron/secrets';
import { electronPdf } from './electron/print-to-pdf';
import { installSessionGuards, installWebContentsGuards } from './electron/security';
import { createMainWindow } from './electron/window';

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererRoot = path.join(here, '../renderer');
const devUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
const devOrigin = devUrl ? new URL(devUrl).origin : null;

let core: Core | null = null;
let ipc: IpcRegistration | null = null;
let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  if (!ipc) return;
  mainWindow = createMainWindow({
    preloadPath,
    names: { methods: METHOD_NAMES, events: PUSH_EVENTS },
    devUrl,
    devOrigin,
    packaged: app.isPackaged,
  });
  ipc.attach(mainWindow.webContents);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  const menu = applicationMenu(app.isPackaged, process.platform);
  if (menu !== 'default') Menu.setApplicationMenu(menu && Menu.buildFromTemplate(menu));
  const workspaceDir = path.join(app.getPath('userData'), 'workspaces', 'default');
  // A brand-new default workspace starts as the demo workspace, as `npm run serve` does.
  const isNew = !existsSync(path.join(workspaceDir, DATABASE_FILE));
  ensureWorkspaceDir(workspaceDir);

  installSessionGuards(session.defaultSession, devOrigin);
  serveRenderer(session.defaultSession, rendererRoot);

  const secrets = createSafeStorageSecretStore(workspaceDir);
  core = await createCore({
    workspaceDir,
    migrationsDir: path.join(app.getAppPath(), 'drizzle'),
    secrets,
    // The audit chain's key and anchored head live beside the Stripe key, encrypted by the OS keychain.
    keyring: () => secrets,
    pdf: electronPdf(),
    ...(isNew ? { demo: demoSettings(Date.now()) } : {}),
  });
  await startDemoWorkspace(core);
  ipc = registerIpc(core, devOrigin);
  openWindow();
}

function shutDown(): void {
  ipc?.dispose();
  ipc = null;
  core?.close();
  core = null;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  registerAppScheme();

  app.on('web-contents-created', (_event, contents) => installWebContentsGuards(contents, devOrigin));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', shutDown);

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('LPlate back office could not start', message);
      shutDown();
      app.exit(1);
    });
}
