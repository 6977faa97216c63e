import { ValidateBy, ValidationOptions } from 'class-validator';
import ipaddr from 'ipaddr.js';

/** The names Express's `trust proxy` (proxy-addr) knows for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Dotted-quad IPv4 or IPv6 only: ipaddr.js's isValid also takes forms such as `300` (0.0.1.44). */
function isAddress(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text) || ipaddr.IPv6.isValid(text);
}

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !isAddress(address)) return false;
  if (prefix === undefined) return true;
  const bits = ipaddr.IPv4.isValidFourPartDecimal(address) ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= bits;
}

/** What `AJAR_TRUST_PROXY` means, as Express's `trust proxy` setting takes it. */
export function trustProxySetting(value: string): boolean | number | string {
  const trimmed = value.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed
    .split(',')
    .map((entry) => entry.trim())
    .join(',');
}

export function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const trimmed = value.trim();
  if (trimmed === 'true' || trimmed === 'false' || /^\d{1,2}$/.test(trimmed)) return true;
  const entries = trimmed.split(',').map((entry) => entry.trim());
  return entries.length > 0 && entries.every(isAddressOrRange);
}

export function IsTrustProxy(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTrustProxy',
      validator: {
        validate: (value: unknown) => isTrustProxy(value),
        defaultMessage: () =>
          'AJAR_TRUST_PROXY must be true, false, a hop count, or a comma-separated list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal',
      },
    },
    options,
  );
}
