import { describe, expect, it } from 'vitest';
import { refuseRequest } from '../../src/main/host/request-guard';
import { fileInside } from '../../src/main/host/static-files';
import { retryInMs, waitAfterFailures } from '../../src/main/auth/throttle';

const expected = { port: 4000, token: 'secret-token' };
const good = {
  remoteAddress: '127.0.0.1',
  host: '127.0.0.1:4000',
  origin: 'http://127.0.0.1:4000',
  authorization: 'Bearer secret-token',
};

describe('headless host request guard', () => {
  it('lets a loopback request with the token and our own origin through', () => {
    expect(refuseRequest(good, expected)).toBeNull();
    expect(refuseRequest({ ...good, origin: undefined, remoteAddress: '::1' }, expected)).toBeNull();
  });

  it('refuses a non-loopback address, a foreign Host or Origin, and a missing or wrong token', () => {
    expect(refuseRequest({ ...good, remoteAddress: '192.168.1.20' }, expected)?.status).toBe(403);
    expect(refuseRequest({ ...good, host: 'evil.example:4000' }, expected)?.status).toBe(403);
    expect(refuseRequest({ ...good, origin: 'https://evil.example' }, expected)?.status).toBe(403);
    expect(refuseRequest({ ...good, origin: 'null' }, expected)?.status).toBe(403);
    expect(refuseRequest({ ...good, authorization: undefined }, expected)?.status).toBe(401);
    expect(refuseRequest({ ...good, authorization: 'Bearer secret-tokeN' }, expected)?.status).toBe(401);
  });
});

describe('static files of the built renderer', () => {
  it('maps paths inside the folder and refuses traversal, encoded or not', () => {
    expect(fileInside('/app/out/renderer', '/')).toBe('/app/out/renderer/index.html');
    expect(fileInside('/app/out/renderer', '/assets/index.js?x=1')).toBe('/app/out/renderer/assets/index.js');
    for (const attempt of [
      '/../secrets',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2fetc/passwd',
      '/assets/..\\..\\x',
    ]) {
      const file = fileInside('/app/out/renderer', attempt);
      expect(file === null || file.startsWith('/app/out/renderer/'), attempt).toBe(true);
    }
    expect(fileInside('/app/out/renderer', '/%00')).toBeNull();
    expect(fileInside('/app/out/renderer', '/%E0%A4%A')).toBeNull();
  });
});

describe('sign-in throttle', () => {
  it('allows three free tries, then waits 1 s, 2 s, 4 s … up to a minute', () => {
    expect([2, 3, 4, 5, 20].map(waitAfterFailures)).toEqual([0, 1000, 2000, 4000, 60_000]);
    expect(retryInMs(4, 10_000, 10_500)).toBe(1_500);
    expect(retryInMs(4, 10_000, 12_001)).toBe(0);
  });
});
