import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Idempotency-Keys whose first request has not finished, across tenants. */
export interface IdempotencyLeases {
  inProgress: number;
  /** Seconds since the oldest in-progress record was taken; 0 when there is none. */
  oldestAgeSeconds: number;
}

/**
 * Reads the idempotency records in progress for the metrics. A request holds its record for
 * seconds; an old one is a key a crashed request left locked.
 */
@Injectable()
export class IdempotencyLeaseQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async leases(): Promise<IdempotencyLeases> {
    const [row]: { in_progress: string; oldest_age_seconds: number | null }[] = await this.dataSource.query(
      `SELECT count(*) AS in_progress, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_age_seconds
         FROM idempotency_records WHERE state = 'in_progress'`,
    );
    return { inProgress: Number(row.in_progress), oldestAgeSeconds: Math.max(0, row.oldest_age_seconds ?? 0) };
  }
}
