import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Adjudication, appraise } from '@ajar/appraisal';
import { WriteBatch } from '@ajar/database';
import { DomainError } from '@ajar/kernel';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, QueueRegistry, Queues } from '@ajar/messaging';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { Inbox } from '@ajar/outbox';
import { PolicyCatalogue } from '@ajar/policies';
import { ReferenceIndexProvider } from '@ajar/reference-lists';
import { CaseCommandRunner } from '../../application/case-command-runner';
import { RequestScreeningCommand } from '../../application/commands/request-screening/request-screening.command';
import { appraisalInput } from '../../domain/appraisal-input';
import type { CaseContent, Disclosure } from '../../domain/case-content';
import { MonitoringAlert, MONITORED_STATES, raiseMonitoringAlert } from '../../domain/case-lifecycle';
import type { CaseState } from '../../domain/case-state';

/**
 * A case whose screening failed has no assessment to compare a delta with: a new list version
 * (perhaps the one that repairs what made it fail) asks for its full screening instead.
 */
const FAILED_SCREENING: CaseState = 'screening_failed';

const BATCH = 100;
const PLAN_CONSUMER = 'cases.monitoring-plan';
const BATCH_CONSUMER = 'cases.monitoring-batch';
export const RESCREEN_BATCH_JOB = 'reference_list.rescreen_batch.v1';

/** A stable UUID for the n-th batch of a message, so a re-planned batch gets the same job id. */
function batchId(messageId: string, index: number): string {
  const hex = createHash('sha256').update(`${messageId}:${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface MonitoredCase {
  id: string;
  state: string;
  case_version: number;
  call_id: string | null;
  content: CaseContent;
  disclosures: Record<string, Disclosure>;
  adjudications: Adjudication[];
}

/**
 * Monitoring: a new list version re-screens every case in review and every approved case against
 * the entries the version adds or changes — planned as batches of case ids fanned out through
 * BullMQ, each raising `MonitoringAlertRaised` and re-opening review for a case with a new hit —
 * and asks again for the full screening of every case whose screening failed. Progress is
 * counted on the list version.
 */
@Injectable()
@ConsumesQueue(Queues.Monitoring)
export class ListMonitoringProcessor implements QueueConsumer {
  private readonly logger = new Logger(ListMonitoringProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly inbox: Inbox,
    private readonly runner: CaseCommandRunner,
    private readonly policies: PolicyCatalogue,
    private readonly referenceIndexes: ReferenceIndexProvider,
    private readonly commands: CommandBus,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    if (envelope.type === RESCREEN_BATCH_JOB) await this.rescreen(envelope);
    else await this.plan(envelope);
  }

  private async plan(envelope: QueueEnvelope): Promise<void> {
    const { listId, version } = envelope.data;
    const cases: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM cases WHERE tenant_id = $1 AND state = ANY($2::text[]) ORDER BY id`,
      [envelope.tenantId, [...MONITORED_STATES, FAILED_SCREENING]],
    );
    const batches: QueueEnvelope[] = [];
    for (let start = 0; start < cases.length; start += BATCH) {
      const id = batchId(envelope.messageId, start / BATCH);
      batches.push({
        messageId: id,
        type: RESCREEN_BATCH_JOB,
        tenantId: envelope.tenantId,
        correlationId: envelope.correlationId,
        causationId: envelope.messageId,
        data: { listId, version, caseIds: cases.slice(start, start + BATCH).map((item) => item.id).join(',') },
      });
    }
    // Enqueue first with stable job ids (a replay adds nothing new), then record the plan once.
    if (batches.length > 0) {
      await this.queues.get(Queues.Monitoring).addBulk(batches.map((batch) => ({ name: RESCREEN_BATCH_JOB, data: batch, opts: { jobId: batch.messageId } })));
    }
    const statement = new WriteBatch();
    const claimed = this.inbox.claimIn(statement, PLAN_CONSUMER, envelope.messageId);
    statement.add(
      `UPDATE reference_list_versions SET monitoring_total = $4
        WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND EXISTS (SELECT 1 FROM ${claimed})`,
      [envelope.tenantId, String(listId), Number(version), cases.length],
    );
    await statement.execute(this.dataSource);
  }

  private async rescreen(envelope: QueueEnvelope): Promise<void> {
    const listId = String(envelope.data.listId);
    const version = Number(envelope.data.version);
    const caseIds = String(envelope.data.caseIds ?? '').split(',').filter((id) => id.length > 0);
    const rows: MonitoredCase[] = await this.dataSource.query(
      `SELECT id, state, case_version, call_id, content, disclosures, adjudications FROM cases WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [envelope.tenantId, caseIds],
    );
    for (const row of rows.filter((item) => item.state === FAILED_SCREENING)) await this.screenAgain(envelope, row.id, listId, version);
    const delta = await this.referenceIndexes.deltaIndexFor(envelope.tenantId, listId, version);
    // A redelivered batch raises nothing twice: the cases already alerted for this version.
    const raised: { stream_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT stream_id FROM events
        WHERE tenant_id = $1 AND stream_id = ANY($2::uuid[]) AND type = 'MonitoringAlertRaised' AND payload->>'listId' = $3 AND (payload->>'listVersion')::int = $4`,
      [envelope.tenantId, caseIds, listId, version],
    );
    const alreadyRaised = new Set(raised.map((item) => item.stream_id));
    let alerts = 0;
    for (const row of rows) {
      if (!MONITORED_STATES.has(row.state as never) || alreadyRaised.has(row.id)) continue;
      const policy = await this.policies.forCase(envelope.tenantId, row.call_id);
      const assessment = appraise(
        { ...appraisalInput(row.content, row.disclosures, new Date().toISOString().slice(0, 10)), adjudications: row.adjudications },
        policy.policy,
        delta,
      );
      const hits = assessment.findings
        .filter((finding) => finding.rule.startsWith('RS-L-') && (finding.evidence as { listId?: unknown }).listId === listId)
        .map((finding) => {
          const evidence = finding.evidence as { entryId?: unknown; matchedName?: unknown };
          return { rule: finding.rule, subject: finding.subject, entryId: String(evidence.entryId ?? ''), matchedName: typeof evidence.matchedName === 'string' ? evidence.matchedName : null };
        });
      if (hits.length === 0) continue;
      const alert: MonitoringAlert = { listId, listVersion: version, hits };
      try {
        await this.runner.change(envelope.tenantId, row.id, SYSTEM_ACTOR, (current) => raiseMonitoringAlert(current, alert));
        alerts += 1;
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'CASE.ILLEGAL_TRANSITION' || error.code === 'STREAM.VERSION_CONFLICT')) {
          this.logger.log({ caseId: row.id, listId, version }, 'case moved on during monitoring; it is screened afresh anyway');
          continue;
        }
        throw error;
      }
    }
    const statement = new WriteBatch();
    const claimed = this.inbox.claimIn(statement, BATCH_CONSUMER, envelope.messageId);
    statement.add(
      `UPDATE reference_list_versions SET monitoring_done = monitoring_done + $4, monitoring_alerts = monitoring_alerts + $5
        WHERE tenant_id = $1 AND list_id = $2 AND version = $3 AND EXISTS (SELECT 1 FROM ${claimed})`,
      [envelope.tenantId, listId, version, caseIds.length, alerts],
    );
    await statement.execute(this.dataSource);
  }

  /** A redelivered batch asks nothing twice: the case is in screening by then (or has moved on). */
  private async screenAgain(envelope: QueueEnvelope, caseId: string, listId: string, listVersion: number): Promise<void> {
    try {
      await this.commands.execute(new RequestScreeningCommand(envelope.tenantId, caseId, { reason: 'reference list updated', listId, listVersion }, SYSTEM_ACTOR));
    } catch (error) {
      if (error instanceof DomainError && (error.code === 'CASE.ILLEGAL_TRANSITION' || error.code === 'STREAM.VERSION_CONFLICT')) {
        this.logger.log({ caseId, listId, listVersion }, 'case moved on before its failed screening was asked again');
        return;
      }
      throw error;
    }
  }
}
