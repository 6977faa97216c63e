import { Injectable } from '@nestjs/common';
import { Metrics } from '@ajar/observability';
import { OutboxBacklogQueryService } from './outbox-backlog.query-service';

/** Outbox lag, read from PostgreSQL at scrape time: what the relay has not yet handed to BullMQ. */
@Injectable()
export class OutboxMetrics {
  constructor(metrics: Metrics, outbox: OutboxBacklogQueryService) {
    metrics.addScrapeGauges('postgres_outbox', () => outbox.backlog(), [
      {
        name: 'ajar_outbox_unpublished_messages',
        help: 'Outbox rows committed but not yet published to BullMQ',
        set: (gauge, backlog) => gauge.set(backlog.unpublished),
      },
      {
        name: 'ajar_outbox_oldest_unpublished_age_seconds',
        help: 'Age of the oldest unpublished outbox row (0 when none): the outbox relay lag',
        set: (gauge, backlog) => gauge.set(backlog.oldestAgeSeconds),
      },
    ]);
  }
}
