import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The outbox rows not yet published, across tenants. */
export interface OutboxBacklog {
  unpublished: number;
  /** Seconds since the oldest unpublished row was committed; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Reads the outbox's backlog for the metrics. Served by the partial index of unpublished rows. */
@Injectable()
export class OutboxBacklogQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async backlog(): Promise<OutboxBacklog> {
    const [row]: { unpublished: string; oldest_age_seconds: number | null }[] = await this.dataSource.query(
      `SELECT count(*) AS unpublished, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_age_seconds
         FROM outbox_messages WHERE published_at IS NULL`,
    );
    return { unpublished: Number(row.unpublished), oldestAgeSeconds: Math.max(0, row.oldest_age_seconds ?? 0) };
  }
}
