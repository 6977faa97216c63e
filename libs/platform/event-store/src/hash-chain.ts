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
  // Pick the fields explicitly: callers may pass a stored event that also carries its own hash.
  const covered = {
    id: event.id,
    tenantId: event.tenantId,
    tenantSequence: event.tenantSequence,
    streamType: event.streamType,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    payload: event.payload,
    metadata: event.metadata,
    occurredAt: event.occurredAt,
  };
  const canonical = canonicalize(covered);
  if (canonical === undefined) throw new Error('event cannot be canonicalised');
  return createHash('sha256').update(event.previousHash).update('\n').update(canonical).digest('hex');
}
