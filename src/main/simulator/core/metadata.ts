// Stripe's metadata rules: at most 50 keys of ≤ 40 characters with values of ≤ 500; '' removes a key.
import type { Metadata } from '../state/records';
import { invalidRequest, paramError } from './errors';

export const METADATA_MAX_KEYS = 50;
export const METADATA_MAX_KEY_LENGTH = 40;
export const METADATA_MAX_VALUE_LENGTH = 500;

/** Too many keys: a parameter refusal when the request has them, an execution one when a merge does. */
export function tooManyKeys(count: number, stage: 'validation' | 'execution'): Error {
  const message = `Metadata can have up to ${METADATA_MAX_KEYS} keys, but you've set ${count}`;
  return stage === 'validation' ? paramError(message, 'metadata') : invalidRequest(message, 'metadata');
}

/** Checks one key/value pair of a request's metadata hash. */
export function checkMetadataEntry(key: string, value: string): void {
  if (key.length > METADATA_MAX_KEY_LENGTH)
    throw paramError(
      `Metadata keys can have up to ${METADATA_MAX_KEY_LENGTH} characters, but you passed in a key that is ${key.length} characters. Invalid key: ${key}`,
      'metadata',
    );
  if (value.length > METADATA_MAX_VALUE_LENGTH)
    throw paramError(
      `Metadata values can have up to ${METADATA_MAX_VALUE_LENGTH} characters, but you passed in a value that is ${value.length} characters. Invalid value: ${value}`,
      'metadata',
    );
}

/**
 * Stripe's metadata update: `null` (the request sent `metadata=""`) clears every key; otherwise keys set to
 * '' are removed and the others merged. The result still has at most 50 keys.
 */
export function mergeMetadata(current: Metadata, update: Metadata | null): Metadata {
  if (update === null) return {};
  const out = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  const count = Object.keys(out).length;
  if (count > METADATA_MAX_KEYS) throw tooManyKeys(count, 'execution');
  return out;
}
