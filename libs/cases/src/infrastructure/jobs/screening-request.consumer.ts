import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WriteBatch } from '@ajar/database';
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
    // A version that is not an integer matches no case; it must not make the statement fail.
    const storedVersion = Number.isSafeInteger(caseVersion) ? caseVersion : null;
    // One statement (atomic on its own): claim the message, and record the request only if the
    // claim is new and the case is still in screening at that version.
    const batch = new WriteBatch();
    const claimed = this.inbox.claimIn(batch, SCREENING_REQUEST_CONSUMER, envelope.messageId);
    // Looked up by id alone: with `state` in the WHERE the planner picks (tenant_id, state, …) and
    // reads every case in screening; version and state are checked on the one row found.
    const current = batch.add(
      `SELECT 1 FROM (SELECT case_version, state FROM cases WHERE tenant_id = $1 AND id = $2 OFFSET 0) AS found
        WHERE found.case_version = $3 AND found.state = 'screening'`,
      [envelope.tenantId, caseId, storedVersion],
    );
    batch.add(
      `INSERT INTO screening_requests (case_id, case_version, tenant_id, message_id, status, received_at)
       SELECT $1::uuid, $2::int, $3::uuid, $4::uuid, 'received', now()
        WHERE EXISTS (SELECT 1 FROM ${claimed}) AND EXISTS (SELECT 1 FROM ${current})
       ON CONFLICT DO NOTHING`,
      [caseId, storedVersion, envelope.tenantId, envelope.messageId],
    );
    batch.output('claimed', `EXISTS (SELECT 1 FROM ${claimed})`);
    batch.output('current', `EXISTS (SELECT 1 FROM ${current})`);
    const result = await batch.execute(this.dataSource);
    if (result.claimed === true && result.current !== true) {
      // Superseded (amended or withdrawn since): nothing to screen for that version.
      this.logger.log({ caseId, caseVersion }, 'screening request superseded');
    }
  }
}
