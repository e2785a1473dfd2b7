// The Electron app's security decisions, checked as plain objects and functions (no Electron binary here).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  contentTypeFor,
  devContentSecurityPolicy,
  mainWindowOptions,
  navigationDecision,
  permissionDecision,
  requestDecision,
  resolveAppFile,
  secretStorageProblem,
  webPreferencesFor,
  isTrustedSender,
  windowOpenDecision,
} from '../../../src/main/electron/policy';

const PRELOAD = '/app/out/preload/index.cjs';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name ?? '', values];
    }),
  );
}

describe('webPreferencesFor', () => {
  it('isolates, sandboxes and strips Node from every renderer, worker and subframe', () => {
    const prefs = webPreferencesFor(PRELOAD);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      experimentalFeatures: false,
      preload: PRELOAD,
    });
  });

  it('enables no setting that weakens the sandbox', () => {
    const prefs = webPreferencesFor(PRELOAD) as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'enableRemoteModule', 'nodeIntegration', 'webviewTag']) {
      expect(prefs[risky] ?? false).toBe(false);
    }
  });

  it('hands the preload only contract names, as its own command-line switches', () => {
    const prefs = webPreferencesFor(PRELOAD, {
      methods: ['auth.signIn', 'audit.verify'],
      events: ['changed'],
    });
    expect(prefs.additionalArguments).toEqual([
      '--lplate-methods=auth.signIn,audit.verify',
      '--lplate-events=changed',
    ]);
  });

  it('refuses a method name that could smuggle another switch into the renderer', () => {
    expect(() => webPreferencesFor(PRELOAD, { methods: ['a,--inspect'], events: [] })).toThrow(/not a valid/);
  });
});

describe('mainWindowOptions', () => {
  it('stays hidden until ready-to-show and is titled for the back office', () => {
    const options = mainWindowOptions(PRELOAD, { dark: false });
    expect(options.show).toBe(false);
    expect(options.title).toBe('LPlate back office');
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
    expect(options.webPreferences.sandbox).toBe(true);
  });

  it('has no DevTools in a packaged build, and only when it is not packaged', () => {
    expect(mainWindowOptions(PRELOAD, { dark: false, packaged: true }).webPreferences.devTools).toBe(false);
    expect(mainWindowOptions(PRELOAD, { dark: false }).webPreferences.devTools).toBe(false);
    expect(mainWindowOptions(PRELOAD, { dark: false, packaged: false }).webPreferences.devTools).toBe(true);
  });

  it('paints a dark background in dark mode and a light one otherwise', () => {
    expect(mainWindowOptions(PRELOAD, { dark: true }).backgroundColor).not.toBe(
      mainWindowOptions(PRELOAD, { dark: false }).backgroundColor,
    );
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('allows scripts, styles and connections from our own origin only', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('forbids plugins, base rewriting, form posts and being framed', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('never allows inline or evaluated script in production', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(Object.keys(CSP_DIRECTIVES)).toContain('default-src');
  });

  it('relaxes only for the local dev server in development', () => {
    const dev = directives(devContentSecurityPolicy('http://localhost:5173'));
    expect(dev.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(dev.get('object-src')).toEqual(["'none'"]);
  });
});

describe('isTrustedSender', () => {
  it('trusts the main frame of our own app origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/payouts?x=1#run`, isMainFrame: true })).toBe(true);
  });

  it('refuses a subframe even on our own origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
  });

  it.each([
    'file:///app/out/renderer/index.html',
    'http://localhost:5173/',
    'https://evil.example/',
    'app://other/index.html',
    'app://lplate.evil.example/index.html',
    'app://user@lplate/index.html',
    'app://lplate:8080/index.html',
    'about:blank',
    '',
    'not a url',
  ])('refuses a sender at %j', (url) => {
    expect(isTrustedSender({ url, isMainFrame: true })).toBe(false);
  });

  it('refuses a missing frame (destroyed or navigated away)', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('trusts the dev server only when it is named as the dev origin', () => {
    const frame = { url: 'http://localhost:5173/index.html', isMainFrame: true };
    expect(isTrustedSender(frame, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(frame, 'http://localhost:5174')).toBe(false);
  });
});

describe('navigationDecision', () => {
  it('allows navigation within our own origin', () => {
    expect(navigationDecision(`${APP_ORIGIN}/audit`)).toEqual({ action: 'allow' });
  });

  it('denies a Stripe dashboard link in the app and opens it in the browser', () => {
    const url = 'https://dashboard.stripe.com/payments/pi_123';
    expect(navigationDecision(url)).toEqual({ action: 'deny', openExternally: url });
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://dashboard.stripe.com/',
    'https://evil.example/',
    'https://dashboard.stripe.com.evil.example/',
    'app://other/',
    'data:text/html,<h1>x</h1>',
  ])('denies %j without opening anything', (url) => {
    expect(navigationDecision(url)).toEqual({ action: 'deny' });
  });
});

describe('windowOpenDecision', () => {
  it('never opens a window but sends allow-listed https links to the browser', () => {
    for (const url of [
      'https://dashboard.stripe.com/connect/accounts/acct_1',
      'https://docs.stripe.com/connect',
      'https://stripe.com/docs',
    ]) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: url });
    }
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'http://dashboard.stripe.com/',
    'https://evil.example/',
    'https://user:pw@dashboard.stripe.com/',
    'https://dashboard.stripe.com:444/',
    `${APP_ORIGIN}/index.html`,
    'not a url',
  ])('denies %j and opens nothing', (url) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
  });
});

describe('permissionDecision', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'unknown',
  ])('refuses %s', (permission) => {
    expect(permissionDecision(permission)).toBe(false);
  });
});

describe('requestDecision', () => {
  it('lets the renderer load only our own origin and inline data', () => {
    expect(requestDecision(`${APP_ORIGIN}/assets/index.js`)).toBe('allow');
    expect(requestDecision('data:image/png;base64,AAAA')).toBe('allow');
    expect(requestDecision('https://api.stripe.com/v1/charges')).toBe('deny');
    expect(requestDecision('http://127.0.0.1:8080/')).toBe('deny');
    expect(requestDecision('file:///etc/passwd')).toBe('deny');
  });

  it('allows the dev server and its HMR socket only in development', () => {
    expect(requestDecision('ws://localhost:5173/', 'http://localhost:5173')).toBe('allow');
    expect(requestDecision('ws://localhost:5173/')).toBe('deny');
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/app/out/renderer');

  it('maps our own URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/assets/index-abc.js`)).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, `${APP_ORIGIN}/index.html`)).toBe(path.join(root, 'index.html'));
  });

  it('answers the root and client-side routes with index.html', () => {
    expect(resolveAppFile(root, `${APP_ORIGIN}/`)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, `${APP_ORIGIN}/payouts/run`)).toBe(path.join(root, 'index.html'));
  });

  it.each([
    'app://lplate/..%2f..%2fetc%2fpasswd',
    'app://lplate/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://lplate/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://lplate/..%5c..%5cwindows%5cwin.ini',
    'app://lplate/assets/x.js%00.html',
    'app://lplate/.env',
    'app://lplate/%E0%A4%A.js',
  ])('refuses the encoded traversal or malformed path %j', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    'app://lplate/../../etc/passwd.txt',
    'app://lplate/%2e%2e/%2e%2e/etc/passwd.txt',
    'app://lplate/assets/%252e%252e/x.js',
  ])('keeps %j inside the renderer folder (dot segments resolved once, never decoded twice)', (url) => {
    const file = resolveAppFile(root, url);
    expect(file).not.toBeNull();
    expect(file?.startsWith(root + path.sep)).toBe(true);
  });

  it.each([
    'app://other/index.html',
    'https://lplate/index.html',
    'file:///srv/app/out/renderer/index.html',
    'app://x@lplate/index.html',
  ])('refuses the foreign URL %j', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('serves scripts and styles with their real content types', () => {
    expect(contentTypeFor('/x/index.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('secretStorageProblem', () => {
  it("refuses Linux's basic_text backend and names the keyrings to install", () => {
    const problem = secretStorageProblem({
      platform: 'linux',
      encryptionAvailable: true,
      backend: 'basic_text',
    });
    expect(problem).toMatch(/plain text/);
    expect(problem).toMatch(/gnome-keyring/);
    expect(problem).toMatch(/KWallet/);
  });

  it('refuses when the operating system offers no encryption', () => {
    expect(secretStorageProblem({ platform: 'darwin', encryptionAvailable: false, backend: null })).toMatch(
      /not available/,
    );
  });

  it('accepts a real keyring on Linux and the OS keychain elsewhere', () => {
    expect(
      secretStorageProblem({ platform: 'linux', encryptionAvailable: true, backend: 'gnome_libsecret' }),
    ).toBeNull();
    expect(
      secretStorageProblem({ platform: 'linux', encryptionAvailable: true, backend: 'kwallet6' }),
    ).toBeNull();
    expect(secretStorageProblem({ platform: 'win32', encryptionAvailable: true, backend: null })).toBeNull();
  });
});
