// Installs the navigation, window-open, webview, permission, request and CSP guards on Electron objects.
import { shell } from 'electron';
import type { Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  devContentSecurityPolicy,
  navigationDecision,
  permissionDecision,
  requestDecision,
  windowOpenDecision,
} from './policy';
import type { DevOrigin } from './policy';

function openInBrowser(url: string | undefined): void {
  if (url) void shell.openExternal(url).catch(() => undefined);
}

const guarded = new WeakSet<WebContents>();

/** Guards one webContents: it cannot navigate away, open windows or attach webviews. Idempotent. */
export function installWebContentsGuards(contents: WebContents, devOrigin: DevOrigin = null): void {
  if (guarded.has(contents)) return;
  guarded.add(contents);
  const guardNavigation = (event: { preventDefault(): void }, url: string) => {
    const decision = navigationDecision(url, devOrigin);
    if (decision.action === 'deny') {
      event.preventDefault();
      openInBrowser(decision.openExternally);
    }
  };
  contents.on('will-navigate', (event) => guardNavigation(event, event.url));
  contents.on('will-redirect', (event) => guardNavigation(event, event.url));
  contents.on('will-frame-navigate', (event) => {
    if (navigationDecision(event.url, devOrigin).action === 'deny') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    openInBrowser(decision.openExternally);
    return { action: 'deny' };
  });
}

/** Guards a session: every permission refused, remote requests cancelled, our CSP on every response. */
export function installSessionGuards(session: Session, devOrigin: DevOrigin = null): void {
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permissionDecision(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => permissionDecision(permission));
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('will-download', (event) => event.preventDefault());

  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: requestDecision(details.url, devOrigin) === 'deny' });
  });
  const csp = devOrigin ? devContentSecurityPolicy(devOrigin) : CONTENT_SECURITY_POLICY;
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
