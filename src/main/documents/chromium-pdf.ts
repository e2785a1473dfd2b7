// PDFs printed by headless Chromium through playwright-core, for the headless host, the CLI and the tests (no Electron).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { PdfOptions, PdfRenderer } from './pdf';
import { findChromium, NO_CHROMIUM } from './find-chromium';

/** One browser, launched on the first PDF and kept for the next ones; pages never load anything remote. */
export function chromiumPdf(executablePath: string | null = findChromium()): PdfRenderer {
  let launched: Promise<{ context: BrowserContext; profile: string }> | null = null;
  const launch = async () => {
    if (executablePath === null) throw new Error(NO_CHROMIUM);
    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'lplate-pdf-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      javaScriptEnabled: false,
      offline: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    return { context, profile };
  };
  return {
    async render(html: string, options: PdfOptions = {}) {
      launched ??= launch();
      const { context } = await launched;
      const page = await context.newPage();
      try {
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load' });
        const bytes = await page.pdf({
          format: 'A4',
          landscape: options.landscape ?? false,
          printBackground: true,
          margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' },
        });
        return new Uint8Array(bytes);
      } finally {
        await page.close();
      }
    },
    async close() {
      if (!launched) return;
      const { context, profile } = await launched;
      launched = null;
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
