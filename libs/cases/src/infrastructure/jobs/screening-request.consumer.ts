import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues } from '@ajar/messaging';
import { Inbox } from '@ajar/outbox';

export const SCREENING_REQUEST_CONSUMER = 'cases.screening-request';

/**
 * Receives `case.screening_requested.v1` on the appraisal queue and records it once per case
 * version (inbox + natural key). The appraisal engine is its own issue: until it runs here, the
 * case stays in `screening` and no result is invented.
 */
@Injectable()
@ConsumesQueue(Queues.Appraisal)
export class ScreeningRequestConsumer implements QueueConsumer {
  private readonly logger = new Logger(ScreeningRequestConsumer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    const caseId = String(envelope.data.caseId);
    const caseVersion = Number(envelope.data.caseVersion);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.inbox.claim(em, SCREENING_REQUEST_CONSUMER, envelope.messageId))) return;
      const cases: { state: string; case_version: number }[] = await em.query(
        `SELECT state, case_version FROM cases WHERE tenant_id = $1 AND id = $2`,
        [envelope.tenantId, caseId],
      );
      const current = cases[0];
      if (!current || current.case_version !== caseVersion || current.state !== 'screening') {
        // Superseded (amended or withdrawn since): nothing to screen for that version.
        this.logger.log({ caseId, caseVersion }, 'screening request superseded');
        return;
      }
      await em.query(
        `INSERT INTO screening_requests (case_id, case_version, tenant_id, message_id, status, received_at)
         VALUES ($1, $2, $3, $4, 'received', now()) ON CONFLICT DO NOTHING`,
        [caseId, caseVersion, envelope.tenantId, envelope.messageId],
      );
    });
  }
}
