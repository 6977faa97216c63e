import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { appraise } from '@ajar/appraisal';
import { EventHistory } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues } from '@ajar/messaging';
import { Outbox, OutboxEntry } from '@ajar/outbox';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { PolicyCatalogue } from '@ajar/policies';
import { ListMonitoringProgressRepository, ReferenceIndexProvider } from '@ajar/reference-lists';
import { RequestScreeningCommand } from '../../application/commands/request-screening/request-screening.command';
import { appraisalInput } from '../../domain/appraisal-input';
import { MonitoringAlert, MONITORED_STATES, raiseMonitoringAlert } from '../../domain/case-lifecycle';
import type { CaseState } from '../../domain/case-state';
import { CaseQueryService } from '../case.query-service';
import { CaseRepository } from '../case.repository';

/**
 * A case whose screening failed has no assessment to compare a delta with: a new list version
 * (perhaps the one that repairs what made it fail) asks for its full screening instead.
 */
const FAILED_SCREENING: CaseState = 'screening_failed';

const BATCH = 100;
const PLAN_CONSUMER = 'cases.monitoring-plan';
const BATCH_CONSUMER = 'cases.monitoring-batch';
export const RESCREEN_BATCH_JOB = 'reference_list.rescreen_batch.v1';

/**
 * Monitoring: a new list version re-screens every case in review and every approved case against
 * the entries the version adds or changes — planned as batches of case ids fanned out through
 * the outbox, each raising `MonitoringAlertRaised` and re-opening review for a case with a new hit —
 * and asks again for the full screening of every case whose screening failed. Progress is
 * counted on the list version.
 */
@Injectable()
@ConsumesQueue(Queues.Monitoring)
export class ListMonitoringProcessor implements QueueConsumer {
  private readonly logger = new Logger(ListMonitoringProcessor.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly cases: CaseRepository,
    private readonly caseReads: CaseQueryService,
    private readonly listVersions: ListMonitoringProgressRepository,
    private readonly history: EventHistory,
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
    const caseIds = await this.caseReads.idsInStates(envelope.tenantId, [...MONITORED_STATES, FAILED_SCREENING]);
    const batches: OutboxEntry[] = [];
    for (let start = 0; start < caseIds.length; start += BATCH) {
      batches.push({
        tenantId: envelope.tenantId,
        eventId: envelope.causationId,
        destination: Queues.Monitoring,
        type: RESCREEN_BATCH_JOB,
        correlationId: envelope.correlationId,
        data: { listId, version, caseIds: caseIds.slice(start, start + BATCH).join(',') },
      });
    }
    // The batches are outbox rows written with the plan, once (the plan's inbox claim): each is
    // owed until its job settles, so the reconciler re-creates a batch Redis lost.
    await this.listVersions.recordMonitoringPlan(
      { tenantId: envelope.tenantId, listId: String(listId), version: Number(version) },
      { consumer: PLAN_CONSUMER, messageId: envelope.messageId },
      caseIds.length,
      (tx) => this.outbox.add(tx, batches),
    );
  }

  private async rescreen(envelope: QueueEnvelope): Promise<void> {
    const listId = String(envelope.data.listId);
    const version = Number(envelope.data.version);
    const caseIds = String(envelope.data.caseIds ?? '').split(',').filter((id) => id.length > 0);
    const rows = await this.caseReads.monitored(envelope.tenantId, caseIds);
    for (const row of rows.filter((item) => item.state === FAILED_SCREENING)) await this.screenAgain(envelope, row.id, listId, version);
    const delta = await this.referenceIndexes.deltaIndexFor(envelope.tenantId, listId, version);
    // A redelivered batch raises nothing twice: the cases already alerted for this version.
    const alreadyRaised = new Set(await this.history.streamsWith(envelope.tenantId, caseIds, 'MonitoringAlertRaised', { listId, listVersion: version }));
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
        await this.cases.change(envelope.tenantId, row.id, SYSTEM_ACTOR, (current) => raiseMonitoringAlert(current, alert));
        alerts += 1;
      } catch (error) {
        if (error instanceof DomainError && (error.code === 'CASE.ILLEGAL_TRANSITION' || error.code === 'STREAM.VERSION_CONFLICT')) {
          this.logger.log({ caseId: row.id, listId, version }, 'case moved on during monitoring; it is screened afresh anyway');
          continue;
        }
        throw error;
      }
    }
    await this.listVersions.recordMonitoringProgress(
      { tenantId: envelope.tenantId, listId, version },
      { consumer: BATCH_CONSUMER, messageId: envelope.messageId },
      caseIds.length,
      alerts,
    );
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
