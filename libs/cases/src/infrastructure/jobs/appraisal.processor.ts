import { Injectable, Logger } from '@nestjs/common';
import { uuidv7 } from '@ajar/database';
import { appraise, assessResidualRisk } from '@ajar/appraisal';
import { DomainError } from '@ajar/kernel';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues } from '@ajar/messaging';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { PolicyCatalogue } from '@ajar/policies';
import { ReferenceIndexProvider } from '@ajar/reference-lists';
import { CaseCommandRunner } from '../../application/case-command-runner';
import { appraisalInput } from '../../domain/appraisal-input';
import { completeScreening, ScreeningOutcome } from '../../domain/case-lifecycle';
import { listHitsToAdjudicate } from '../../domain/case-list-hits';
import type { ResidualRisk } from '../../domain/case-workflow';

/**
 * Appraises a case version when `case.screening_requested.v1` arrives: loads the snapshot, the
 * policy version in force and the tenant's reference lists, runs the pure engine, and in one
 * statement stores the assessment and moves the case on (`ScreeningCompleted`, and for the fast
 * lane a system decision). Idempotent by natural key: a case no longer in screening at that
 * version is left alone, and the assessment's unique inputs refuse a second copy.
 */
@Injectable()
// Screening steps aside while the API is busy (AJAR_WORKER_YIELD_API_BUSY_PERCENT): a burst of
// submissions is answered first and screened just after.
@ConsumesQueue(Queues.Appraisal, { yieldsToApi: true })
export class AppraisalProcessor implements QueueConsumer {
  private readonly logger = new Logger(AppraisalProcessor.name);

  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly policies: PolicyCatalogue,
    private readonly referenceIndexes: ReferenceIndexProvider,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    const caseId = String(envelope.data.caseId);
    const caseVersion = Number(envelope.data.caseVersion);
    // Read once: the same snapshot is appraised and then changed (the write checks its version).
    const loaded = await this.runner.load(envelope.tenantId, caseId);
    if (!loaded || loaded.snapshot.state !== 'screening' || loaded.snapshot.caseVersion !== caseVersion) {
      this.logger.log({ caseId, caseVersion }, 'screening request superseded or already done');
      return;
    }

    const current = loaded.snapshot;
    const policy = await this.policies.forCase(envelope.tenantId, loaded.callId);
    const index = await this.referenceIndexes.indexFor(envelope.tenantId);
    const assessment = appraise(
      { ...appraisalInput(current.content, current.disclosures, loaded.updatedAt.toISOString().slice(0, 10)), adjudications: current.adjudications },
      policy.policy,
      index,
    );
    const referenceLists = assessment.referenceLists.map((list) => ({ listId: list.listId, version: list.version }));
    // Each finding gets its own id here (the engine stays free of randomness): list hits are
    // adjudicated and reviewed by it.
    const findings = assessment.findings.map((finding) => ({ id: uuidv7(), ...finding }));
    const assessmentId = uuidv7();
    // With an agreed plan, the same appraisal also records the risk its measures leave (residual).
    const plan = current.workflow.mitigationPlan;
    const agreedPlan = plan?.status === 'agreed' ? plan : null;
    const residual: ResidualRisk | null = agreedPlan
      ? { assessmentId, planId: agreedPlan.id, ...assessResidualRisk(assessment, agreedPlan.measures) }
      : null;
    const outcome: ScreeningOutcome = {
      assessmentId,
      caseVersion,
      level: assessment.level,
      route: assessment.route,
      research: assessment.research,
      counterparty: assessment.counterparty,
      integrity: assessment.integrity,
      policy: { name: policy.name, version: policy.version },
      referenceLists,
      ruleCodes: [...new Set(assessment.findings.map((finding) => finding.rule))],
      escalationTargets: assessment.escalationRecommendation.targets.map((target) => target.target),
      escalationRecommendation: assessment.escalationRecommendation.targets.map(({ target, rule, triggeredBy }) => ({ target, rule, triggeredBy: [...triggeredBy] })),
      residual,
      pendingListHits: listHitsToAdjudicate(findings),
    };

    try {
      await this.runner.changeLoaded(
        envelope.tenantId,
        loaded,
        SYSTEM_ACTOR,
        (snapshot) => completeScreening(snapshot, outcome),
        undefined,
        (batch) => {
          batch.add(
            `INSERT INTO assessments (id, tenant_id, case_id, case_version, sequence, policy_name, policy_version, reference_lists,
                                      reference_lists_key, research, counterparty, integrity, level, route, dimensions, findings,
                                      escalation_recommendation, adjudications_key, mitigation_key, residual, completed_at)
             SELECT $1, $2, $3, $4, coalesce(max(sequence), 0) + 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now()
               FROM assessments WHERE case_id = $3`,
            [
              outcome.assessmentId,
              envelope.tenantId,
              caseId,
              caseVersion,
              policy.name,
              policy.version,
              JSON.stringify(referenceLists),
              referenceLists.map((list) => `${list.listId}@${list.version}`).sort().join(','),
              assessment.research,
              assessment.counterparty,
              assessment.integrity,
              assessment.level,
              assessment.route,
              JSON.stringify(assessment.dimensions),
              JSON.stringify(findings),
              JSON.stringify(assessment.escalationRecommendation),
              current.adjudications
                .map((decision) => `${decision.subject}|${decision.listId}|${decision.entryId}|${decision.decision}|${decision.entryLastChange ?? ''}`)
                .sort()
                .join(','),
              agreedPlan?.id ?? '',
              residual === null ? null : JSON.stringify(residual),
            ],
          );
        },
      );
    } catch (error) {
      // Amended or withdrawn while the engine ran: that version needs no result any more.
      if (error instanceof DomainError && error.code === 'CASE.ILLEGAL_TRANSITION') {
        this.logger.log({ caseId, caseVersion }, 'case moved on during appraisal; result dropped');
        return;
      }
      throw error;
    }
  }
}
