import { Injectable } from '@nestjs/common';
import { Metrics } from '@ajar/observability';
import { IdempotencyLeaseQueryService } from './idempotency-lease.query-service';

/** Idempotency records in progress, read from PostgreSQL when the API is scraped. */
@Injectable()
export class IdempotencyMetrics {
  constructor(metrics: Metrics, leases: IdempotencyLeaseQueryService) {
    metrics.addScrapeGauges('postgres_idempotency', () => leases.leases(), [
      {
        name: 'ajar_idempotency_in_progress_records',
        help: 'Idempotency-Keys whose first request has not finished (a retry meanwhile gets 409)',
        set: (gauge, reading) => gauge.set(reading.inProgress),
      },
      {
        name: 'ajar_idempotency_oldest_in_progress_age_seconds',
        help: 'Age of the oldest in-progress idempotency record (0 when none): a key left locked shows here',
        set: (gauge, reading) => gauge.set(reading.oldestAgeSeconds),
      },
    ]);
  }
}
