// Decides whether an HTTP request may reach the contract: loopback only, our own Host/Origin, and the bearer token.
import { timingSafeEqual } from 'node:crypto';

export interface RequestFacts {
  remoteAddress: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  authorization: string | undefined;
}

export interface Refusal {
  status: 401 | 403;
  message: string;
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
