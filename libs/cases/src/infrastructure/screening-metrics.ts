import { Injectable } from '@nestjs/common';
import { Metrics } from '@ajar/observability';
import { ScreeningBacklogQueryService } from './screening-backlog.query-service';

/** Overdue and failed screenings, read from PostgreSQL at scrape time. */
@Injectable()
export class ScreeningMetrics {
  constructor(metrics: Metrics, screenings: ScreeningBacklogQueryService) {
    metrics.addScrapeGauges('postgres_cases', () => screenings.backlog(), [
      {
        name: 'ajar_cases_screening_stuck',
        help: 'Cases in screening for more than 5 minutes since their last change (all tenants)',
        set: (gauge, backlog) => gauge.set(backlog.stuckInScreening),
      },
      {
        name: 'ajar_cases_screening_failed',
        help: 'Cases whose last screening attempt failed, waiting for someone to ask again (all tenants)',
        set: (gauge, backlog) => gauge.set(backlog.screeningFailed),
      },
    ]);
  }
}
