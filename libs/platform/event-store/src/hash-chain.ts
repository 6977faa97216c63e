import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event's hash covers: everything but the storage position and the hash itself. */
export interface ChainedEventFields {
  id: string;
  tenantId: string;
  tenantSequence: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurredAt: string;
  previousHash: string;
}

/** SHA-256 over the previous hash and the RFC 8785 canonical JSON of the event. */
export function chainHash(event: ChainedEventFields): string {
  const { previousHash, ...rest } = event;
  const canonical = canonicalize(rest);
  if (canonical === undefined) throw new Error('event cannot be canonicalised');
  return createHash('sha256').update(previousHash).update('\n').update(canonical).digest('hex');
}
