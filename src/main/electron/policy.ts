// The security decisions of the Electron app as plain functions, so they are tested under Node without Electron.
import path from 'node:path';
import { EVENTS_SWITCH, METHODS_SWITCH, encodeNames } from '../../preload/allow-list';

/** The renderer is served from this custom, privileged, standard scheme: never file://, never a remote origin. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'lplate';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Links the console may open in the user's browser (never inside the app). */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'dashboard.stripe.com',
  'docs.stripe.com',
  'stripe.com',
];

/**
 * An extra origin trusted only in development (`electron-vite dev` serves the renderer from
 * http://localhost:PORT); `null` in a packaged app and in every check below unless passed.
 */
export type DevOrigin = string | null;

export interface ContractNames {
  methods: readonly string[];
  events: readonly string[];
}

/** `packaged` (app.isPackaged) turns DevTools off; it defaults to the packaged, stricter answer. */
export function webPreferencesFor(
  preloadPath: string,
  names: ContractNames = { methods: [], events: [] },
  packaged = true,
) {
  return {
    devTools: !packaged,
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
    navigateOnDragDrop: false,
    safeDialogs: true,
    preload: preloadPath,
    additionalArguments: [
      encodeNames(METHODS_SWITCH, names.methods),
      encodeNames(EVENTS_SWITCH, names.events),
    ],
  };
}

export const WINDOW_BACKGROUND = { dark: '#14171c', light: '#f6f7f9' } as const;

export function mainWindowOptions(
  preloadPath: string,
  opts: { dark: boolean; names?: ContractNames; packaged?: boolean },
) {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'LPlate back office',
    show: false,
    backgroundColor: opts.dark ? WINDOW_BACKGROUND.dark : WINDOW_BACKGROUND.light,
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(preloadPath, opts.names, opts.packaged),
  };
}

/** The production Content-Security-Policy, as directives so tests and docs can read them one by one. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'frame-src': ["'none'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function serialise(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = serialise(CSP_DIRECTIVES);

/** Development only: Vite's dev server needs its origin, its HMR websocket and React Refresh's inline preamble. */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return serialise({
    ...CSP_DIRECTIVES,
    'script-src': ["'self'", devOrigin, "'unsafe-inline'"],
    'style-src': ["'self'", devOrigin, "'unsafe-inline'"],
    'connect-src': ["'self'", devOrigin, ws],
  });
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL on our own app origin (exact scheme and host, no credentials, no port). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

function isDevUrl(url: string, devOrigin: DevOrigin): boolean {
  if (!devOrigin) return false;
  const u = parse(url);
  const d = parse(devOrigin);
  return (
    u !== null && d !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === d.origin
  );
}

export function isOwnUrl(url: string, devOrigin: DevOrigin = null): boolean {
  return isAppUrl(url) || isDevUrl(url, devOrigin);
}

/** An IPC sender is trusted only when it is the main frame of a page on our own origin. */
export function isTrustedSender(
  frame: { url: string; isMainFrame: boolean } | null | undefined,
  devOrigin: DevOrigin = null,
): boolean {
  if (!frame || frame.isMainFrame !== true || typeof frame.url !== 'string') return false;
  return isOwnUrl(frame.url, devOrigin);
}

/** The https links that may leave the app for the user's browser; everything else is `null`. */
export function externalLinkTarget(url: string): string | null {
  const u = parse(url);
  if (!u || u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return null;
  if (!EXTERNAL_LINK_HOSTS.includes(u.hostname)) return null;
  return u.toString();
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternally?: string };

/** A page may only navigate within our own origin; allow-listed https links go to the browser instead. */
export function navigationDecision(url: string, devOrigin: DevOrigin = null): NavigationDecision {
  if (isOwnUrl(url, devOrigin)) return { action: 'allow' };
  const external = externalLinkTarget(url);
  return external ? { action: 'deny', openExternally: external } : { action: 'deny' };
}

/** The app never opens a second window: allow-listed https links go to the browser, the rest nowhere. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally?: string } {
  const external = externalLinkTarget(url);
  return external ? { action: 'deny', openExternally: external } : { action: 'deny' };
}

/** The console needs no camera, notifications, clipboard reads, geolocation… so every permission is refused. */
export function permissionDecision(_permission: string): false {
  return false;
}

/** Requests the renderer may make at all: our own origin and inline data; no remote content. */
export function requestDecision(url: string, devOrigin: DevOrigin = null): 'allow' | 'deny' {
  if (isOwnUrl(url, devOrigin)) return 'allow';
  const u = parse(url);
  if (!u) return 'deny';
  if (u.protocol === 'data:' || u.protocol === 'devtools:') return 'allow';
  if (u.protocol === 'blob:' && isOwnUrl(u.pathname, devOrigin)) return 'allow';
  if (devOrigin && u.protocol === 'ws:' && isDevUrl(url.replace(/^ws/, 'http'), devOrigin)) return 'allow';
  return 'deny';
}

/**
 * Maps an `app://lplate/…` request to a file under the built renderer, or `null` to refuse it:
 * other hosts, credentials, ports, encoded or literal `..`, backslashes, NUL bytes and dotfiles.
 * A path without an extension is a client-side route and gets index.html.
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  const u = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null; // '.', '..' and dotfiles
  const last = segments.at(-1);
  const relative = last === undefined || !last.includes('.') ? ['index.html'] : segments;
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, ...relative);
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/**
 * Why secrets cannot be stored safely on this machine, or `null` when they can. On Linux without
 * a keyring Electron falls back to `basic_text`, which is obfuscation, not encryption: refuse it.
 */
export function secretStorageProblem(env: {
  platform: string;
  encryptionAvailable: boolean;
  backend: StorageBackend | null;
}): string | null {
  const linuxHint =
    'Install and unlock a system keyring — GNOME Keyring (gnome-keyring with libsecret) or KWallet — then restart the console.';
  if (env.platform === 'linux' && (env.backend === 'basic_text' || env.backend === 'unknown')) {
    return `The Stripe key cannot be stored safely: no system keyring is available, so Electron would keep it in plain text. ${linuxHint}`;
  }
  if (!env.encryptionAvailable) {
    const hint =
      env.platform === 'linux'
        ? linuxHint
        : 'The operating system refused to provide an encryption key for this user account.';
    return `The Stripe key cannot be stored safely: encryption is not available. ${hint}`;
  }
  return null;
}
