// Makes sure the browser tests have a Chromium: the system's or Chrome, else Playwright's download where downloads
// work, else one sentence on what to install.
import { spawnSync } from 'node:child_process';
import { findChromium, NO_CHROMIUM } from '../src/main/documents/find-chromium';

if (findChromium() === null) {
  console.log('No Chromium or Chrome here; downloading Playwright’s Chromium for the browser tests…');
  const install = spawnSync('npx', ['playwright-core', 'install', 'chromium'], { stdio: 'inherit' });
  if (install.status !== 0 || findChromium() === null) {
    console.error(NO_CHROMIUM);
    process.exit(1);
  }
}
