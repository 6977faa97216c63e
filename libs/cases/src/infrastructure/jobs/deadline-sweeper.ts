import { Injectable } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { PeriodicSweep } from '@ajar/database';
import { Queues, QueueRegistry } from '@ajar/messaging';
import { DEADLINE_DUE } from '../../application/case-changes';
import { CaseDeadlineRepository } from '../case-deadline.repository';

/** Rows read and re-armed per round trip; a pass goes through every page. */
const PAGE = 1000;

/**
 * Re-arms deadlines whose alarm Redis lost (a restart without persistence, a crash before the
 * relay published it): any deadline still pending well past its due time gets its job again.
 * The processor re-checks the row and the case, so an alarm that did exist does no harm twice.
 */
@Injectable()
export class DeadlineSweeper extends PeriodicSweep {
  constructor(
    private readonly deadlines: CaseDeadlineRepository,
    private readonly queues: QueueRegistry,
    private readonly env: AjarEnvironment,
  ) {
    super(env.AJAR_DEADLINE_SWEEP_MS);
  }

  async sweep(): Promise<number> {
    // Well past: one sweep interval after the due time, the alarm should have gone off.
    const dueBefore = new Date(Date.now() - this.env.AJAR_DEADLINE_SWEEP_MS);
    let found = 0;
    let after: string | undefined;
    for (;;) {
      const overdue = await this.deadlines.overdue(dueBefore, PAGE, after);
      if (overdue.length === 0) break;
      await this.queues.get(Queues.Deadlines).addBulk(
        overdue.map((row) => ({
          name: DEADLINE_DUE,
          data: { messageId: `deadline-${row.id}`, type: DEADLINE_DUE, tenantId: row.tenantId, correlationId: row.id, causationId: row.id, data: { deadlineId: row.id, caseId: row.caseId } },
          // One re-armed alarm per deadline at a time; removed when done so a later sweep may re-arm.
          opts: { jobId: `deadline-${row.id}`, removeOnComplete: true, removeOnFail: true },
        })),
      );
      found += overdue.length;
      if (overdue.length < PAGE) break;
      after = overdue[overdue.length - 1].id;
    }
    if (found > 0) this.logger.log({ queue: Queues.Deadlines, count: found }, 're-armed overdue deadlines');
    return found;
  }
}
