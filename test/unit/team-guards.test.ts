// The team server's pure rules: where it may listen, which requests reach it, versions, and how peers are named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../src/shared/version';
import { isLoopback, parseListen } from '../../src/main/host/listen';
import { refuseTeamRequest, refuseVersion } from '../../src/main/host/request-guard';
import { peerLabel } from '../../src/main/host/peer';
import { parseServerUrl } from '../../src/main/team/pinned-https';

describe('team server rules', () => {
  it('keeps the shared version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('reads --listen addresses and says what is wrong with a bad one', () => {
    expect(parseListen('0.0.0.0:8443')).toEqual({ address: '0.0.0.0', port: 8443 });
    expect(parseListen('[::]:8443')).toEqual({ address: '::', port: 8443 });
    expect(parseListen('lplate.internal')).toEqual({ address: 'lplate.internal', port: 0 });
    expect(parseListen('0.0.0.0:99999')).toMatch(/HOST:PORT/);
    expect(parseListen('a:b:c')).toMatch(/HOST:PORT/);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.10')).toBe(false);
  });

  it('answers only the console, from its own origin', () => {
    const good = {
      remoteAddress: '10.0.0.7',
      host: 'lplate.internal:8443',
      origin: undefined,
      authorization: undefined,
      client: 'console',
    };
    expect(refuseTeamRequest(good)).toBeNull();
    expect(refuseTeamRequest({ ...good, origin: 'https://lplate.internal:8443' })).toBeNull();
    expect(refuseTeamRequest({ ...good, client: undefined })?.status).toBe(403);
    expect(refuseTeamRequest({ ...good, origin: 'https://evil.example' })?.status).toBe(403);
    expect(refuseTeamRequest({ ...good, origin: 'http://lplate.internal:8443' })?.status).toBe(403);
  });

  it('names both versions when they differ, and lets an unversioned tool through', () => {
    expect(refuseVersion(undefined, '0.1.0')).toBeNull();
    expect(refuseVersion('0.1.0', '0.1.0')).toBeNull();
    expect(refuseVersion('0.2.0', '0.1.0')).toMatchObject({
      status: 409,
      message: expect.stringContaining('version 0.2.0; the workspace server runs version 0.1.0'),
    });
  });

  it('names a peer by its address and client', () => {
    const chrome =
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(peerLabel('::ffff:10.0.0.7', chrome)).toBe('10.0.0.7 · Chrome 131');
    expect(peerLabel('10.0.0.8', 'LPlate-Desktop/0.1.0')).toBe('10.0.0.8 · LPlate desktop 0.1.0');
    expect(peerLabel(undefined, undefined)).toBe('unknown address · unknown client');
  });

  it('reaches a server only by https://host:port', () => {
    expect(parseServerUrl('https://lplate.internal:8443')).toEqual({ host: 'lplate.internal', port: 8443 });
    expect(parseServerUrl('https://[::1]:8443/')).toEqual({ host: '::1', port: 8443 });
    expect(() => parseServerUrl('http://lplate.internal:8443')).toThrow(/https:\/\/ only/);
    expect(() => parseServerUrl('https://u:p@lplate.internal')).toThrow(/no path or credentials/);
    expect(() => parseServerUrl('lplate')).toThrow(/https:\/\/host:port/);
  });
});
