// The packaging config: Electron fuses locked down and the right files shipped.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Parse with the very YAML parser electron-builder itself uses (a dependency of app-builder-lib).
const require = createRequire(import.meta.url);
const yaml = createRequire(require.resolve('app-builder-lib'))('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  asar: boolean;
  electronFuses: Record<string, boolean>;
  linux: unknown;
  mac: unknown;
  win: unknown;
}

const config = yaml.load(
  readFileSync(new URL('../../../electron-builder.yml', import.meta.url), 'utf8'),
) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('sets every security fuse', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('uses only fuse names electron-builder 26 knows', () => {
    const typings = readFileSync(require.resolve('app-builder-lib/out/configuration.d.ts'), 'utf8');
    const fuseBlock = typings.slice(typings.indexOf('export interface FuseOptionsV1'));
    for (const name of Object.keys(config.electronFuses)) expect(fuseBlock).toContain(`${name}?: boolean`);
  });

  it('ships the built app, the migrations and package.json, packed in asar', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'drizzle/**', 'package.json']));
    expect(config.asar).toBe(true);
    expect(config.asarUnpack.some((glob) => glob.includes('better-sqlite3') && glob.endsWith('.node'))).toBe(
      true,
    );
  });

  it('names the product and builds for Linux, macOS and Windows', () => {
    expect(config.productName).toBe('LPlate back office');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.linux).toBeTruthy();
    expect(config.mac).toBeTruthy();
    expect(config.win).toBeTruthy();
  });
});
