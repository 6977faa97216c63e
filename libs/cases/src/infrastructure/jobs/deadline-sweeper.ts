import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import { PeriodicSweep } from '@ajar/database';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { DEADLINE_DUE } from '../../application/case-command-runner';

const BATCH = 500;

/**
 * Re-arms deadlines whose alarm Redis lost (a restart without persistence, a crash before the
 * relay published it): any deadline still pending well past its due time gets its job again.
 * The processor re-checks the row and the case, so an alarm that did exist does no harm twice.
 */
@Injectable()
export class DeadlineSweeper extends PeriodicSweep {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly env: AjarEnvironment,
  ) {
    super(env.AJAR_DEADLINE_SWEEP_MS);
  }

  async sweep(): Promise<number> {
    const overdue: { id: string; tenant_id: string; case_id: string }[] = await this.dataSource.query(
      `SELECT id, tenant_id, case_id FROM case_deadlines
        WHERE state = 'pending' AND due_at < now() - make_interval(secs => $1::float8 / 1000)
        ORDER BY due_at LIMIT $2`,
      [this.env.AJAR_DEADLINE_SWEEP_MS, BATCH],
    );
    if (overdue.length === 0) return 0;
    await this.queues.get(Queues.Deadlines).addBulk(
      overdue.map((row) => ({
        name: DEADLINE_DUE,
        data: { messageId: `deadline-${row.id}`, type: DEADLINE_DUE, tenantId: row.tenant_id, correlationId: row.id, causationId: row.id, data: { deadlineId: row.id, caseId: row.case_id } },
        // One re-armed alarm per deadline at a time; removed when done so a later sweep may re-arm.
        opts: { jobId: `deadline-${row.id}`, removeOnComplete: true, removeOnFail: true },
      })),
    );
    this.logger.log({ count: overdue.length }, 're-armed overdue deadlines');
    return overdue.length;
  }
}
