import { Injectable } from '@nestjs/common';
import { Metrics } from '@ajar/observability';
import { EventChainBacklogQueryService } from './event-chain-backlog.query-service';

/** Chainer lag, read from PostgreSQL at scrape time: events not yet in the audit hash chain. */
@Injectable()
export class EventChainMetrics {
  constructor(metrics: Metrics, chain: EventChainBacklogQueryService) {
    metrics.addScrapeGauges('postgres_event_chain', () => chain.backlog(), [
      {
        name: 'ajar_event_chain_pending_events',
        help: 'Events committed but not yet linked into their tenant hash chain',
        set: (gauge, backlog) => gauge.set(backlog.pending),
      },
      {
        name: 'ajar_event_chain_oldest_pending_age_seconds',
        help: 'Age of the oldest event waiting to be chained (0 when none): the chainer lag',
        set: (gauge, backlog) => gauge.set(backlog.oldestAgeSeconds),
      },
    ]);
  }
}
