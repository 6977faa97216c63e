import { uuidv7 } from '@ajar/database';
import type { Actor } from '@ajar/observability';

// The event store's contract: what callers append and read back, and the row mapping shared by
// the store, the chainer and the query services. The SQL lives in event-store.repository.ts.

export interface EventContext {
  actor: Actor;
  correlationId: string;
  causationId?: string;
}

export interface PendingEvent {
  type: string;
  payload: Record<string, unknown>;
}

export interface AppendToStream {
  tenantId: string;
  streamType: string;
  streamId: string;
  /** The stream version the command read; 0 for a new stream. */
  expectedVersion: number;
  events: PendingEvent[];
  /** Facts about the stream after these events (e.g. the case's state), kept in each event's metadata. */
  annotations?: Record<string, string | number | boolean | null>;
}

export interface StoredEvent {
  id: string;
  tenantId: string;
  streamType: string;
  streamId: string;
  streamVersion: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurredAt: Date;
}

export interface ChainedEvent extends StoredEvent {
  /** Null for the moments between commit and chaining. */
  tenantSequence: string | null;
  hash: string | null;
}

export interface EventRow {
  id: string;
  tenant_id: string;
  stream_type: string;
  stream_id: string;
  stream_version: number;
  type: string;
  payload: Record<string, unknown>;
  metadata: Record<string, unknown>;
  occurred_at: Date;
}

export type BrokenLinkReason =
  | 'hash_mismatch'
  | 'previous_hash_mismatch'
  | 'sequence_gap'
  | 'event_missing'
  | 'head_mismatch'
  | 'unchained_event';

export interface ChainVerification {
  tenantId: string;
  valid: boolean;
  eventsChecked: number;
  headSequence: string;
  /** Events committed moments ago and not chained yet (normal; the chainer runs continuously). */
  pendingEvents: number;
  firstBrokenLink?: { tenantSequence: string | null; eventId: string | null; reason: BrokenLinkReason; detail: string };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    streamType: row.stream_type,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    payload: row.payload,
    metadata: row.metadata,
    occurredAt: row.occurred_at,
  };
}

/** An append made ready to send: the events handed back, and the JSON texts they were parsed from. */
export interface PreparedAppend {
  stored: StoredEvent[];
  /** The payloads as one JSON array text, in the events' order. */
  payloadsJson: string;
  /** The metadata every event shares, as JSON text. */
  metadataJson: string;
}

/**
 * Ids, versions and payloads of the events an append stores. The payloads and metadata handed
 * back are what PostgreSQL will give back: parsed from the text sent (plain JSON, no undefined,
 * no class instances, never the caller's objects). Throws on a payload JSON cannot write (a cycle).
 */
export function storedEventsOf(request: AppendToStream, context: EventContext, occurredAt: Date): PreparedAppend {
  const metadataJson = JSON.stringify({
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId,
    ...request.annotations,
  });
  const metadata = JSON.parse(metadataJson) as Record<string, unknown>;
  const payloadsJson: string[] = [];
  const stored: StoredEvent[] = request.events.map((pending, index) => {
    const payloadJson = JSON.stringify(pending.payload);
    payloadsJson.push(payloadJson);
    return {
      id: uuidv7(),
      tenantId: request.tenantId,
      streamType: request.streamType,
      streamId: request.streamId,
      streamVersion: request.expectedVersion + index + 1,
      type: pending.type,
      payload: JSON.parse(payloadJson) as Record<string, unknown>,
      metadata,
      occurredAt,
    };
  });
  return { stored, payloadsJson: `[${payloadsJson.join(',')}]`, metadataJson };
}
