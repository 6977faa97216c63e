import { Injectable, Logger } from '@nestjs/common';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues, QueueRegistry } from '@ajar/messaging';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { DEADLINE_DUE } from '../../application/case-changes';
import { DecisionPolicy } from '../../application/decision-policy';
import { finaliseDecision } from '../../domain/case-review';
import { soundAlarm } from '../../domain/case-deadlines';
import type { Decision } from '../../domain/case-lifecycle';
import { CaseDeadlineRepository } from '../case-deadline.repository';
import { CaseRepository } from '../case.repository';

/** Thrown inside the case transaction when the deadline's reason has gone: nothing is written. */
class ReasonGone extends Error {}

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
    private readonly deadlines: CaseDeadlineRepository,
    private readonly cases: CaseRepository,
    private readonly policy: DecisionPolicy,
    private readonly queues: QueueRegistry,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    const deadlineId = String(envelope.data.deadlineId);
    const deadline = await this.deadlines.find(envelope.tenantId, deadlineId);
    if (!deadline || deadline.state !== 'pending') return;
    const wait = deadline.dueAt.getTime() - Date.now();
    if (wait > EARLY_TOLERANCE_MS) {
      await this.queues.get(Queues.Deadlines).add(DEADLINE_DUE, envelope, { jobId: `deadline-${deadline.id}-early-${Date.now()}`, delay: wait, removeOnComplete: true });
      return;
    }
    try {
      let decide: (current: Parameters<typeof soundAlarm>[0]) => Decision | null;
      if (deadline.kind === 'decision_response_window') {
        const windows = await this.policy.windowsFor(envelope.tenantId, deadline.caseId);
        decide = (current) => finaliseDecision(current, deadline.subjectId, windows, new Date());
      } else {
        const kind = deadline.kind;
        decide = (current) => soundAlarm(current, kind, deadline.subjectId, deadline.alarm, new Date());
      }
      await this.cases.changeWith(
        envelope.tenantId,
        deadline.caseId,
        SYSTEM_ACTOR,
        (current) => {
          const decision = decide(current);
          if (!decision) throw new ReasonGone();
          return decision;
        },
        { alongside: (tx) => this.deadlines.settle(deadline.id, 'fired', tx) },
      );
      this.logger.log({ caseId: deadline.caseId, kind: deadline.kind, alarm: deadline.alarm, subjectId: deadline.subjectId }, 'deadline alarm acted');
    } catch (error) {
      if (!(error instanceof ReasonGone)) throw error;
      await this.deadlines.settle(deadline.id, 'cancelled');
      this.logger.log({ caseId: deadline.caseId, kind: deadline.kind, alarm: deadline.alarm }, 'deadline no longer applies: cancelled');
    }
  }
}
