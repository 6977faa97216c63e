import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Events committed but not yet linked into their tenant's hash chain, across tenants. */
export interface EventChainBacklog {
  pending: number;
  /** Seconds since the oldest pending event occurred; 0 when none is pending. */
  oldestAgeSeconds: number;
}

/** Reads the chainer's backlog for the metrics: the pending rows, and the oldest by its primary key. */
@Injectable()
export class EventChainBacklogQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async backlog(): Promise<EventChainBacklog> {
    const [row]: { pending: string; oldest_age_seconds: number | null }[] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM event_chain_pending) AS pending,
              (SELECT EXTRACT(EPOCH FROM now() - e.occurred_at)::float8 FROM events e
                WHERE e.position = (SELECT min(position) FROM event_chain_pending)) AS oldest_age_seconds`,
    );
    return { pending: Number(row.pending), oldestAgeSeconds: Math.max(0, row.oldest_age_seconds ?? 0) };
  }
}
