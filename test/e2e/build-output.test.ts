// Checks on what `electron-vite build` produced (npm test runs the build before this project).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../src/main/host/paths';

const out = (...parts: string[]) => readFileSync(join(APP_ROOT, 'out', ...parts), 'utf8');

describe('the built app', () => {
  it('bundles a sandbox-safe preload that requires nothing but electron', () => {
    const required = [...out('preload', 'index.cjs').matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map(
      (m) => m[1],
    );
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('serves a renderer page in en-GB with a strict CSP and no inline script', () => {
    const html = out('renderer', 'index.html');
    expect(html).toContain('<html lang="en-GB"');
    expect(html).toMatch(/Content-Security-Policy[^>]+default-src 'self'/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
