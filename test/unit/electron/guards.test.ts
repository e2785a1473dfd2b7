// The guards security.ts and secrets.ts install, exercised on stand-ins for Electron's objects.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  openExternal: vi.fn(async (_url: string) => undefined),
  backend: 'gnome_libsecret' as string,
  encryptionAvailable: true,
}));

// `require('electron')` under plain Node tries to download the binary: stand in for what the guards use.
vi.mock('electron', () => ({
  shell: { openExternal: electron.openExternal },
  safeStorage: {
    isEncryptionAvailable: () => electron.encryptionAvailable,
    getSelectedStorageBackend: () => electron.backend,
    // Reversible stand-in for the OS keychain: enough to prove plaintext never reaches the file.
    encryptString: (s: string) => Buffer.from(s, 'utf8').map((b) => b ^ 0x5a),
    decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
  },
}));

const { installSessionGuards, installWebContentsGuards } =
  await import('../../../src/main/electron/security');
const { createSafeStorageSecretStore, SECRETS_FILE, SecretStorageUnavailableError } =
  await import('../../../src/main/electron/secrets');

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function navEvent(url: string) {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

describe('installWebContentsGuards', () => {
  const contents = new FakeContents();
  installWebContentsGuards(contents as never);
  beforeEach(() => electron.openExternal.mockClear());

  it('lets the page move within our origin', () => {
    const event = navEvent('app://lplate/audit');
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(false);
  });

  it('stops navigation elsewhere and opens allow-listed Stripe links in the browser', () => {
    const event = navEvent('https://dashboard.stripe.com/payments/pi_1');
    contents.emit('will-navigate', event, event.url);
    expect(event.defaultPrevented).toBe(true);
    expect(electron.openExternal).toHaveBeenCalledWith('https://dashboard.stripe.com/payments/pi_1');
  });

  it('stops redirects and subframe navigations away from our origin', () => {
    const redirect = navEvent('https://evil.example/');
    contents.emit('will-redirect', redirect, redirect.url);
    const frame = navEvent('file:///etc/passwd');
    contents.emit('will-frame-navigate', frame);
    expect(redirect.defaultPrevented && frame.defaultPrevented).toBe(true);
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('installs its guards once however often it is called', () => {
    installWebContentsGuards(contents as never);
    expect(contents.listenerCount('will-navigate')).toBe(1);
  });

  it('never attaches a webview', () => {
    const event = navEvent('');
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window, handing only allow-listed links to the browser', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://docs.stripe.com/connect' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([['https://docs.stripe.com/connect']]);
  });
});

describe('installSessionGuards', () => {
  const captured: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    setPermissionRequestHandler: (h: never) => (captured.request = h),
    setPermissionCheckHandler: (h: never) => (captured.check = h),
    setDevicePermissionHandler: (h: never) => (captured.device = h),
    setDisplayMediaRequestHandler: (h: never) => (captured.display = h),
    on: (_name: string, h: never) => (captured.download = h),
    webRequest: {
      onBeforeRequest: (h: never) => (captured.before = h),
      onHeadersReceived: (h: never) => (captured.headers = h),
    },
  };
  installSessionGuards(session as never);

  it('refuses every permission request and check', () => {
    const answers: boolean[] = [];
    (captured.request as (w: unknown, p: string, cb: (ok: boolean) => void) => void)({}, 'media', (ok) =>
      answers.push(ok),
    );
    answers.push((captured.check as (w: unknown, p: string) => boolean)({}, 'notifications'));
    answers.push((captured.device as () => boolean)());
    expect(answers).toEqual([false, false, false]);
  });

  it('cancels requests for remote content', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (captured.before as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)(
        { url },
        (r) => (cancel = r.cancel),
      );
      return cancel;
    };
    expect(decide('https://cdn.example/lib.js')).toBe(true);
    expect(decide('app://lplate/assets/index.js')).toBe(false);
  });

  it('replaces any Content-Security-Policy header with ours', () => {
    let headers: Record<string, string[]> = {};
    (
      captured.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void
    )(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } },
      (r) => (headers = r.responseHeaders),
    );
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Security-Policy']?.[0]).toMatch(/^default-src 'self'/);
    expect(headers['X-Other']).toEqual(['1']);
  });
});

describe('createSafeStorageSecretStore', () => {
  const dirs: string[] = [];
  const realPlatform = process.platform;
  const workspace = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lplate-secrets-'));
    dirs.push(dir);
    return dir;
  };
  const onLinux = () => Object.defineProperty(process, 'platform', { value: 'linux', configurable: true });
  beforeEach(() => {
    electron.backend = 'gnome_libsecret';
    electron.encryptionAvailable = true;
    Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  });
  afterAll(() => {
    Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stores a secret encrypted in the workspace and reads it back', () => {
    const dir = workspace();
    const store = createSafeStorageSecretStore(dir);
    store.set('stripe.secretKey', 'sk_test_123');
    expect(readFileSync(path.join(dir, SECRETS_FILE), 'utf8')).not.toContain('sk_test_123');
    expect(createSafeStorageSecretStore(dir).get('stripe.secretKey')).toBe('sk_test_123');
  });

  it('answers null for a secret never stored, and forgets a deleted one', () => {
    const store = createSafeStorageSecretStore(workspace());
    expect(store.get('stripe.secretKey')).toBeNull();
    store.set('stripe.secretKey', 'sk_test_1');
    store.delete('stripe.secretKey');
    expect(store.get('stripe.secretKey')).toBeNull();
  });

  it("refuses to store anything on Linux's basic_text backend, naming the keyrings to install", () => {
    onLinux();
    electron.backend = 'basic_text';
    const dir = workspace();
    const store = createSafeStorageSecretStore(dir);
    expect(() => store.set('stripe.secretKey', 'sk_test_1')).toThrow(SecretStorageUnavailableError);
    expect(() => store.set('stripe.secretKey', 'sk_test_1')).toThrow(/gnome-keyring.*KWallet/);
    expect(existsSync(path.join(dir, SECRETS_FILE))).toBe(false);
  });

  it('refuses to store anything when the OS offers no encryption', () => {
    electron.encryptionAvailable = false;
    expect(() => createSafeStorageSecretStore(workspace()).set('k', 'v')).toThrow(/not available/);
  });
});
