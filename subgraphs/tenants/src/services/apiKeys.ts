import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Partner API keys look like `soc_<keyId>_<secret>`: the key id finds the record with an index,
 * the secret is 256 random bits, and only SHA-256 of the whole key is stored.
 */
const KEY_PATTERN = /^soc_([A-Za-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  apiKey: string;
  keyId: string;
  keyHash: string;
  keyPrefix: string;
}

export const hashApiKey = (apiKey: string): string => createHash('sha256').update(apiKey).digest('hex');

export function issueApiKey(): IssuedKey {
  const keyId = randomBytes(12).toString('base64').replace(/[^A-Za-z0-9]/g, '').padEnd(16, '0').slice(0, 16);
  const apiKey = `soc_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { apiKey, keyId, keyHash: hashApiKey(apiKey), keyPrefix: apiKey.slice(0, 12) };
}

/** The key id of a well-formed key, or null; malformed keys never reach the database. */
export function parseApiKeyId(apiKey: string): string | null {
  return KEY_PATTERN.exec(apiKey)?.[1] ?? null;
}

export function apiKeyMatches(apiKey: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKey(apiKey), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
