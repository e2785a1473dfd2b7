// Where the host may listen: plain HTTP only on this computer's loopback; any other address needs TLS (team mode).
import { isIP } from 'node:net';

export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

export class PlainHttpRefused extends Error {
  override name = 'PlainHttpRefused';
  constructor(address: string) {
    super(
      `Refusing plain HTTP on ${address}: other computers would see passwords and session ids. Serve it over TLS ` +
        'with --tls-cert FILE --tls-key FILE (or --self-signed for a first try), or listen on 127.0.0.1.',
    );
  }
}

/** `--listen HOST:PORT` (or `[v6]:PORT`, or `HOST` alone): the address and port, or a message saying what is wrong. */
export function parseListen(text: string): { address: string; port: number } | string {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(text.trim());
  const address = match?.[1] ?? match?.[2];
  const port = match?.[3] === undefined ? 0 : Number(match[3]);
  if (!match || !address || port > 65535)
    return '--listen takes HOST:PORT, such as 0.0.0.0:8443 or [::]:8443.';
  if (match[1] !== undefined && isIP(address) !== 6) return `${address} is not an IPv6 address.`;
  return { address, port };
}
