import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues, QueueRegistry } from '@ajar/messaging';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { CaseCommandRunner, DEADLINE_DUE } from '../../application/case-command-runner';
import { DecisionPolicy } from '../../application/decision-policy';
import { finaliseDecision } from '../../domain/case-review';
import { soundAlarm, type CaseDeadlineKind, type DeadlineAlarm } from '../../domain/case-deadlines';
import type { Decision } from '../../domain/case-lifecycle';

/** Thrown inside the case transaction when the deadline's reason has gone: nothing is written. */
class ReasonGone extends Error {}

interface DeadlineRow {
  id: string;
  case_id: string;
  kind: CaseDeadlineKind;
  subject_id: string;
  alarm: DeadlineAlarm;
  due_at: Date;
  state: string;
}

/** Re-arms a deadline that came early (a clock a little ahead) without firing it. */
const EARLY_TOLERANCE_MS = 1000;

/**
 * A deadline's alarm went off. The row decides, not the job: a settled deadline is a no-op, and
 * the case is re-checked in the same transaction that acts — a decision replaced, a case withdrawn
 * or any other reason gone leaves the deadline `cancelled` and the case untouched.
 */
@Injectable()
@ConsumesQueue(Queues.Deadlines)
export class DeadlineProcessor implements QueueConsumer {
  private readonly logger = new Logger(DeadlineProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: CaseCommandRunner,
    private readonly policy: DecisionPolicy,
    private readonly queues: QueueRegistry,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    const deadlineId = String(envelope.data.deadlineId);
    const rows: DeadlineRow[] = await this.dataSource.query(
      `SELECT id, case_id, kind, subject_id, alarm, due_at, state FROM case_deadlines WHERE tenant_id = $1 AND id = $2`,
      [envelope.tenantId, deadlineId],
    );
    const deadline = rows[0];
    if (!deadline || deadline.state !== 'pending') return;
    const wait = deadline.due_at.getTime() - Date.now();
    if (wait > EARLY_TOLERANCE_MS) {
      await this.queues.get(Queues.Deadlines).add(DEADLINE_DUE, envelope, { jobId: `deadline-${deadline.id}-early-${Date.now()}`, delay: wait, removeOnComplete: true });
      return;
    }
    const settle = `UPDATE case_deadlines SET state = $2, settled_at = now() WHERE id = $1 AND state = 'pending'`;
    try {
      let decide: (current: Parameters<typeof soundAlarm>[0]) => Decision | null;
      if (deadline.kind === 'decision_response_window') {
        const windows = await this.policy.windowsFor(envelope.tenantId, deadline.case_id);
        decide = (current) => finaliseDecision(current, deadline.subject_id, windows, new Date());
      } else {
        const kind = deadline.kind;
        decide = (current) => soundAlarm(current, kind, deadline.subject_id, deadline.alarm, new Date());
      }
      await this.runner.change(
        envelope.tenantId,
        deadline.case_id,
        SYSTEM_ACTOR,
        (current) => {
          const decision = decide(current);
          if (!decision) throw new ReasonGone();
          return decision;
        },
        undefined,
        (batch) => batch.add(settle, [deadline.id, 'fired']),
      );
      this.logger.log({ caseId: deadline.case_id, kind: deadline.kind, alarm: deadline.alarm, subjectId: deadline.subject_id }, 'deadline alarm acted');
    } catch (error) {
      if (!(error instanceof ReasonGone)) throw error;
      await this.dataSource.query(settle, [deadline.id, 'cancelled']);
      this.logger.log({ caseId: deadline.case_id, kind: deadline.kind, alarm: deadline.alarm }, 'deadline no longer applies: cancelled');
    }
  }
}
