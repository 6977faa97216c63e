import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@ajar/event-store';
import { CaseNotFound } from '../../domain/case.errors';

export interface TimelineEntry {
  id: string;
  type: string;
  streamVersion: number;
  occurredAt: string;
  actor: unknown;
  correlationId: unknown;
  causationId: unknown;
  data: Record<string, unknown>;
  /** The event's place and hash in the tenant's chain; null for a moment after commit. */
  tenantSequence: string | null;
  hash: string | null;
}

export class GetCaseTimelineQuery extends Query<{ items: TimelineEntry[] }> {
  constructor(
    readonly tenantId: string,
    readonly caseId: string,
  ) {
    super();
  }
}

@QueryHandler(GetCaseTimelineQuery)
export class GetCaseTimelineHandler implements IQueryHandler<GetCaseTimelineQuery, { items: TimelineEntry[] }> {
  constructor(private readonly events: EventStore) {}

  async execute(query: GetCaseTimelineQuery): Promise<{ items: TimelineEntry[] }> {
    const events = await this.events.readStream(query.tenantId, query.caseId);
    if (events.length === 0) throw new CaseNotFound(query.caseId);
    return {
      items: events.map((event) => ({
        id: event.id,
        type: event.type,
        streamVersion: event.streamVersion,
        occurredAt: event.occurredAt.toISOString(),
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId ?? null,
        data: event.payload,
        tenantSequence: event.tenantSequence,
        hash: event.hash,
      })),
    };
  }
}
