// The application menu as plain data: Electron's default menu (reload, DevTools) only in development; a packaged
// build gets just the editing and window commands macOS needs a menu for, and no menu at all elsewhere.

/** The subset of Electron's MenuItemConstructorOptions this module uses; index.ts builds the menu from it. */
export interface MenuEntry {
  role: 'appMenu' | 'editMenu' | 'windowMenu';
}

/**
 * 'default' keeps Electron's own menu (development); null removes the menu bar; a template replaces it. On macOS
 * copy, paste and quit have no shortcut without a menu, so a packaged build keeps those menus and nothing more.
 */
export function applicationMenu(
  packaged: boolean,
  platform: NodeJS.Platform,
): MenuEntry[] | 'default' | null {
  if (!packaged) return 'default';
  if (platform !== 'darwin') return null;
  return [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }];
}
