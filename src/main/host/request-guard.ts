// Decides whether an HTTP request may reach the contract. Local: loopback only, our own Host/Origin, the bearer token.
// Team (TLS, any address): the console's own header and same-origin requests; the session cookie does the rest.
import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
  /** The `X-LPlate-Client` header: a page of another site cannot send it without a preflight we never answer. */
  client?: string | undefined;
  /** The `X-LPlate-Version` header, when the client sent one. */
  version?: string | undefined;
}

export interface Refusal {
  status: 401 | 403 | 409;
  message: string;
}

/** A client of another version: named, with what to do (reload a page the server serves, install a desktop). */
export function refuseVersion(version: string | undefined, own: string): Refusal | null {
  if (version === undefined || version === own) return null;
  return {
    status: 409,
    message:
      `This console is version ${version}; the workspace server runs version ${own}. Reload the page, or install ` +
      `version ${own} of LPlate back office on this computer (or ask your admin which version to use).`,
  };
}

export function refuseTeamRequest(facts: RequestFacts): Refusal | null {
  if (facts.client === undefined)
    return { status: 403, message: 'Only the LPlate console may call this server.' };
  if (facts.origin !== undefined && facts.origin !== `https://${facts.host ?? ''}`)
    return { status: 403, message: 'Requests from other sites are refused.' };
  return null;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function refuseRequest(
  facts: RequestFacts,
  expected: { port: number; token: string },
): Refusal | null {
  if (!facts.remoteAddress || !LOOPBACK.has(facts.remoteAddress)) {
    return { status: 403, message: 'The console only answers this computer (loopback).' };
  }
  const ownHosts = [`127.0.0.1:${expected.port}`, `localhost:${expected.port}`];
  if (!facts.host || !ownHosts.includes(facts.host)) {
    return { status: 403, message: 'Unexpected Host header.' };
  }
  if (facts.origin !== undefined && !ownHosts.some((h) => facts.origin === `http://${h}`)) {
    return { status: 403, message: 'Requests from other sites are refused.' };
  }
  const token = /^Bearer (.+)$/.exec(facts.authorization ?? '')?.[1];
  if (!token || !sameSecret(token, expected.token)) {
    return {
      status: 401,
      message: 'Missing or wrong console token. Open the URL printed by `npm run serve`.',
    };
  }
  return null;
}
