// The application menu of a packaged build, checked as data: nothing that opens DevTools or reloads the page.
import { describe, expect, it } from 'vitest';
import { applicationMenu } from '../../../src/main/electron/menu';

/** Electron's roles that reach the page's internals or reload it (the default menu's View menu has them all). */
const DEVELOPER_ROLES = ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'help'];

describe('applicationMenu', () => {
  it("keeps Electron's default menu only while developing", () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      expect(applicationMenu(false, platform)).toBe('default');
      expect(applicationMenu(true, platform)).not.toBe('default');
    }
  });

  it('removes the menu bar of a packaged build on Windows and Linux', () => {
    expect(applicationMenu(true, 'linux')).toBeNull();
    expect(applicationMenu(true, 'win32')).toBeNull();
  });

  it('keeps on macOS only the app, edit and window menus, which copy, paste and quit need', () => {
    const menu = applicationMenu(true, 'darwin');
    expect(menu).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
    const roles = (menu as { role: string }[]).map((entry) => entry.role);
    for (const role of DEVELOPER_ROLES) expect(roles).not.toContain(role);
  });
});
