import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'ajar_';

/** A new API key: 256 random bits. Only its SHA-256 is stored; the key itself is shown once. */
export function generateApiKey(): { key: string; hash: string; displayPrefix: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, 12) };
}

/** Keys are long and random, so a plain SHA-256 (no slow KDF) is enough and keeps lookups fast. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
