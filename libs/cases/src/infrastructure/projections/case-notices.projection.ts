import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Queues } from '@ajar/messaging';
import { Outbox } from '@ajar/outbox';
import { NOTICE_DUE } from '../../application/case-changes';
import { noticeAudiences } from '../../domain/case-notices';
import type { CaseProjection, StoredCaseChange } from './case-projection';

/**
 * Keeps the notices owed: each event that some audience must hear about (an e-mail when SMTP is
 * configured) becomes an outbox row for the notices queue, carrying the event id only.
 */
@Injectable()
export class CaseNoticesProjection implements CaseProjection {
  constructor(private readonly outbox: Outbox) {}

  async apply(tx: EntityManager, change: StoredCaseChange): Promise<void> {
    await this.outbox.add(
      tx,
      change.events
        .filter((event) => noticeAudiences(event.type, event.payload).length > 0)
        .map((event) => ({
          tenantId: change.tenantId,
          eventId: event.id,
          destination: Queues.Notices,
          type: NOTICE_DUE,
          correlationId: change.correlationId,
          data: { eventId: event.id, caseId: change.caseId },
        })),
    );
  }
}
