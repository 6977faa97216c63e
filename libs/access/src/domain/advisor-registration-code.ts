import { createHash, randomBytes } from 'node:crypto';

export const REGISTRATION_CODE_PREFIX = 'arc_';
/** How long a registration code stays valid unless the advisory body says otherwise. */
export const DEFAULT_REGISTRATION_CODE_DAYS = 7;
export const MAX_REGISTRATION_CODE_DAYS = 30;

/** A new registration code: 256 random bits, shown once; only its SHA-256 is kept. */
export function generateRegistrationCode(): { code: string; hash: string } {
  const code = REGISTRATION_CODE_PREFIX + randomBytes(32).toString('base64url');
  return { code, hash: hashRegistrationCode(code) };
}

/** Codes are long and random, so a plain SHA-256 suffices (as for API keys). */
export function hashRegistrationCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** When a code issued at `issuedAt` for `days` days expires. */
export function registrationCodeExpiry(issuedAt: Date, days: number = DEFAULT_REGISTRATION_CODE_DAYS): Date {
  return new Date(issuedAt.getTime() + days * 24 * 60 * 60 * 1000);
}
