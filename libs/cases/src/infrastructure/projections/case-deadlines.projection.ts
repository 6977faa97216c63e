import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { Queues } from '@ajar/messaging';
import { Outbox } from '@ajar/outbox';
import { DEADLINE_DUE } from '../../application/case-changes';
import { deadlinesOf } from '../../domain/case-deadlines';
import { CaseDeadlineOrmEntity } from '../persistence/case-deadline.orm-entity';
import type { CaseProjection, StoredCaseChange } from './case-projection';

/**
 * Keeps `case_deadlines`: every due time an event sets becomes durable deadlines (its reminders
 * and the due time itself), each with its alarm (a delayed job) through the outbox.
 */
@Injectable()
export class CaseDeadlinesProjection implements CaseProjection {
  constructor(private readonly outbox: Outbox) {}

  async apply(tx: EntityManager, change: StoredCaseChange): Promise<void> {
    const deadlines = change.events.flatMap((event) =>
      deadlinesOf(event.type, event.payload, event.occurredAt).map((deadline) => ({ ...deadline, id: uuidv7(), eventId: event.id })),
    );
    if (deadlines.length === 0) return;
    await tx.getRepository(CaseDeadlineOrmEntity).insert(
      deadlines.map((deadline) => ({
        id: deadline.id,
        tenantId: change.tenantId,
        caseId: change.caseId,
        kind: deadline.kind,
        subjectId: deadline.subjectId,
        alarm: deadline.alarm,
        dueAt: new Date(deadline.at),
        state: 'pending' as const,
        createdAt: () => 'now()',
      })),
    );
    await this.outbox.add(
      tx,
      deadlines.map((deadline) => ({
        tenantId: change.tenantId,
        eventId: deadline.eventId,
        destination: Queues.Deadlines,
        type: DEADLINE_DUE,
        correlationId: change.correlationId,
        data: { deadlineId: deadline.id, caseId: change.caseId, notBefore: deadline.at },
      })),
    );
  }
}
