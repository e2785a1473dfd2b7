// The HTTP host's session cookie: the id main issued at sign-in, HttpOnly (no page script reads it), SameSite=Strict.
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** One name per port: cookies are shared by every port of 127.0.0.1, and two hosts must not overwrite each other. */
export function sessionCookieName(port: number): string {
  return `lplate_session_${port}`;
}

/** Over TLS (the team server) the cookie is also `Secure`: never sent on a plain connection. */
export function sessionCookie(name: string, sessionId: string, secure = false): string {
  return `${name}=${sessionId}; Path=/api; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearSessionCookie(name: string, secure = false): string {
  return `${name}=; Path=/api; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=0`;
}

/** The value of one cookie in a Cookie header, when it has the shape of a session id; otherwise null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return SESSION_ID.test(value) ? value : null;
  }
  return null;
}
