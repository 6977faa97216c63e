import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A case in `screening` longer than this is stuck: a screening takes seconds. */
export const SCREENING_STUCK_AFTER_SECONDS = 300;

/** Cases whose screening is overdue or failed, across tenants: counts only, for the metrics. */
export interface ScreeningBacklog {
  /** In `screening` for longer than SCREENING_STUCK_AFTER_SECONDS since their last change. */
  stuckInScreening: number;
  /** In `screening_failed`: the last attempt failed and nothing screens them until someone asks. */
  screeningFailed: number;
}

/**
 * Reads the screening backlog of all tenants for the metrics (no tenant or case is named).
 * Raw SQL: one pass with two FILTERed counts.
 */
@Injectable()
export class ScreeningBacklogQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async backlog(): Promise<ScreeningBacklog> {
    const [row]: { stuck: string; failed: string }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE state = 'screening' AND updated_at < now() - make_interval(secs => $1)) AS stuck,
              count(*) FILTER (WHERE state = 'screening_failed') AS failed
         FROM cases WHERE state IN ('screening', 'screening_failed')`,
      [SCREENING_STUCK_AFTER_SECONDS],
    );
    return { stuckInScreening: Number(row.stuck), screeningFailed: Number(row.failed) };
  }
}
