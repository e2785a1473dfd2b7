// Password hashing with scrypt (node:crypto) and a per-operator salt; comparison in constant time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** OWASP's scrypt guidance: N = 2^17, r = 8, p = 1 (128 MiB; about 0.2–0.7 s a check on our machines). */
export const PASSWORD_COST = 131_072;
/** The cost hashes were made with before; a core may not be set below it (tests use it to stay fast). */
export const LEGACY_PASSWORD_COST = 16_384;
const R = 8;
const P = 1;
const MAXMEM = 256 * 1024 * 1024;
const KEY_LENGTH = 64;

function derive(password: string, salt: string, params: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), Buffer.from(salt, 'hex'), KEY_LENGTH, params, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export interface PasswordHash {
  hash: string;
  salt: string;
}

/** A core's scrypt N: a power of two from the legacy cost up (refused otherwise, so no setting can weaken it). */
export function checkedPasswordCost(n: number = PASSWORD_COST): number {
  if (!Number.isSafeInteger(n) || n < LEGACY_PASSWORD_COST || n > 1 << 20 || (n & (n - 1)) !== 0)
    throw new Error(`The scrypt cost must be a power of two from ${LEGACY_PASSWORD_COST} to 2^20, not ${n}.`);
  return n;
}

/** Stored as `scrypt$N$r$p$hex` so the cost can rise later without breaking old hashes. */
export async function hashPassword(password: string, n: number): Promise<PasswordHash> {
  const salt = randomBytes(16).toString('hex');
  const key = await derive(password, salt, { N: n, r: R, p: P, maxmem: MAXMEM });
  return { hash: `scrypt$${n}$${R}$${P}$${key.toString('hex')}`, salt };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  const [scheme, n, r, p, hex] = stored.hash.split('$');
  if (scheme !== 'scrypt' || !hex) return false;
  const expected = Buffer.from(hex, 'hex');
  const key = await derive(password, stored.salt, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made at a lower cost than `n`: it is replaced at the next sign-in. */
export function needsRehash(stored: PasswordHash, n: number): boolean {
  const [scheme, storedN, r, p] = stored.hash.split('$');
  return scheme !== 'scrypt' || Number(storedN) < n || Number(r) < R || Number(p) < P;
}

/** A fixed hash per cost to check against when the username is unknown, so both cases take the same time. */
const decoys = new Map<number, Promise<PasswordHash>>();
export function decoyHash(n: number): Promise<PasswordHash> {
  let decoy = decoys.get(n);
  if (!decoy) decoys.set(n, (decoy = hashPassword(randomBytes(16).toString('hex'), n)));
  return decoy;
}
