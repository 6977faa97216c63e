import { normalizeIp } from '@nestjs/throttler';
import type { Request } from 'express';

/**
 * The address the per-IP limits count by: Express's `request.ip` (the TCP peer, or the address
 * the trusted proxies name: AJAR_TRUST_PROXY), with IPv6 grouped by /64, the block one host
 * usually holds, so that walking through one's own /64 gains nothing.
 */
export function clientAddress(request: Pick<Request, 'ip'>): string {
  return request.ip ? normalizeIp(request.ip) : 'unknown';
}
