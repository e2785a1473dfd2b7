// Deterministic ids: a row projected from Stripe gets the same UUID on every replay and rebuild.
import { createHash } from 'node:crypto';

/** A UUID-shaped id (version 8, RFC 9562 variant) made from sha256 of a source key such as `payment:pi_…`. */
export function uuidFrom(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export { isUuid } from '../../shared/ids';
