// Creates the console's one BrowserWindow with the secure options from policy.ts and its guards installed.
import { BrowserWindow, nativeTheme } from 'electron';
import { APP_ENTRY_URL, WINDOW_BACKGROUND, mainWindowOptions } from './policy';
import type { ContractNames, DevOrigin } from './policy';
import { installWebContentsGuards } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  names: ContractNames;
  /** The dev server URL in `electron-vite dev`; null loads the built renderer from app://lplate. */
  devUrl: string | null;
  devOrigin: DevOrigin;
  /** app.isPackaged: a packaged window has no DevTools. */
  packaged: boolean;
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions(opts.preloadPath, {
      dark: nativeTheme.shouldUseDarkColors,
      names: opts.names,
      packaged: opts.packaged,
    }),
  );
  installWebContentsGuards(window.webContents, opts.devOrigin);

  const followTheme = () => {
    if (!window.isDestroyed()) {
      window.setBackgroundColor(
        nativeTheme.shouldUseDarkColors ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
      );
    }
  };
  nativeTheme.on('updated', followTheme);
  window.on('closed', () => nativeTheme.off('updated', followTheme));

  window.once('ready-to-show', () => window.show());
  void window.loadURL(opts.devUrl ?? APP_ENTRY_URL);
  return window;
}
