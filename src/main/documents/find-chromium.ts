// Finds a Chromium or Chrome to drive headless (PDFs, the browser tests): CHROMIUM_PATH, the system's browser, or
// the one `playwright-core install chromium` downloaded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserType } from 'playwright-core';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const NO_CHROMIUM =
  'No Chromium or Chrome was found: install one (apt-get install chromium, or npx playwright-core install chromium) or set CHROMIUM_PATH to its executable.';

/** Playwright's own download, when one was made. */
function downloadedChromium(): string | null {
  try {
    const { chromium } = createRequire(import.meta.url)('playwright-core') as { chromium: BrowserType };
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return SYSTEM_BROWSERS.find((path) => existsSync(path)) ?? downloadedChromium();
}
