// The team server's TLS pair: read from the files an admin gives, or a self-signed pair made once in the workspace
// for a first try; either way its SHA-256 fingerprint is what clients show and pin.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsPair {
  cert: string;
  key: string;
  /** SHA-256 of the certificate (DER), as `AB:CD:…`. */
  fingerprint: string;
}

export function fingerprintOf(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

export function readTlsPair(certFile: string, keyFile: string): TlsPair {
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the TLS ${what} ${file}: ${(error as Error).message}`);
    }
  };
  const cert = read(certFile, 'certificate');
  const key = read(keyFile, 'key');
  let fingerprint: string;
  try {
    fingerprint = fingerprintOf(cert);
  } catch {
    throw new Error(`${certFile} is not a PEM certificate.`);
  }
  return { cert, key, fingerprint };
}

/** The workspace's self-signed pair (made on first use, for `names`: host names or IP addresses clients use). */
export async function selfSignedPair(workspaceDir: string, names: string[]): Promise<TlsPair> {
  const dir = join(workspaceDir, 'tls');
  const certFile = join(dir, 'self-signed-cert.pem');
  const keyFile = join(dir, 'self-signed-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const altNames = [...new Set(['localhost', '127.0.0.1', ...names])].map((name) =>
      isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name },
    );
    const now = new Date();
    const pems = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate: now,
      notAfterDate: new Date(now.getTime() + 825 * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames },
      ],
    });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert, { mode: 0o644 });
  }
  return readTlsPair(certFile, keyFile);
}
