import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { uuidv7 } from '@ajar/database';
import { appraise, assessResidualRisk } from '@ajar/appraisal';
import { DomainError } from '@ajar/kernel';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues } from '@ajar/messaging';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { PolicyCatalogue } from '@ajar/policies';
import { ReferenceIndexProvider } from '@ajar/reference-lists';
import { RecordScreeningFailureCommand } from '../../application/commands/record-screening-failure/record-screening-failure.command';
import { appraisalInput } from '../../domain/appraisal-input';
import { completeScreening, ScreeningOutcome } from '../../domain/case-lifecycle';
import { listHitsToAdjudicate } from '../../domain/case-list-hits';
import type { ResidualRisk, ScreeningFailureCode } from '../../domain/case-workflow';
import { AssessmentRepository } from '../assessment.repository';
import { CaseRepository } from '../case.repository';

/** A step of screening that threw, named by the code the case records if it never succeeds. */
export class ScreeningStepFailed extends Error {
  constructor(
    readonly code: ScreeningFailureCode,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ScreeningStepFailed';
  }
}

async function step<T>(code: ScreeningFailureCode, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new ScreeningStepFailed(code, error);
  }
}

/**
 * Appraises a case version when `case.screening_requested.v1` arrives: loads the snapshot, the
 * policy version in force and the tenant's reference lists, runs the pure engine, and in one
 * transaction stores the assessment and moves the case on (`ScreeningCompleted`, and for the fast
 * lane a system decision). Idempotent by natural key: a case no longer in screening at that
 * version is left alone, and the assessment's unique inputs refuse a second copy.
 */
@Injectable()
@ConsumesQueue(Queues.Appraisal)
export class AppraisalProcessor implements QueueConsumer {
  private readonly logger = new Logger(AppraisalProcessor.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly assessments: AssessmentRepository,
    private readonly policies: PolicyCatalogue,
    private readonly referenceIndexes: ReferenceIndexProvider,
    private readonly commands: CommandBus,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    const caseId = String(envelope.data.caseId);
    const caseVersion = Number(envelope.data.caseVersion);
    // Read once: the same snapshot is appraised and then changed (the write checks its version).
    const loaded = await this.cases.load(envelope.tenantId, caseId);
    if (!loaded || loaded.snapshot.state !== 'screening' || loaded.snapshot.caseVersion !== caseVersion) {
      this.logger.log({ caseId, caseVersion }, 'screening request superseded or already done');
      return;
    }

    const current = loaded.snapshot;
    const policy = await step('SCREENING.POLICY_UNAVAILABLE', () => this.policies.forCase(envelope.tenantId, loaded.callId));
    const index = await step('SCREENING.INDEX_BUILD_FAILED', () => this.referenceIndexes.indexFor(envelope.tenantId));
    const assessment = await step('SCREENING.ENGINE_FAILED', () =>
      appraise(
        { ...appraisalInput(current.content, current.disclosures, loaded.updatedAt.toISOString().slice(0, 10)), adjudications: current.adjudications },
        policy.policy,
        index,
      ),
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
      await this.cases.changeLoaded(
        envelope.tenantId,
        loaded,
        SYSTEM_ACTOR,
        (snapshot) => completeScreening(snapshot, outcome),
        {
          alongside: (tx) =>
            this.assessments.add(tx, {
              id: outcome.assessmentId,
              tenantId: envelope.tenantId,
              caseId,
              caseVersion,
              policy: { name: policy.name, version: policy.version },
              referenceLists,
              research: assessment.research,
              counterparty: assessment.counterparty,
              integrity: assessment.integrity,
              level: assessment.level,
              route: assessment.route,
              dimensions: assessment.dimensions,
              findings,
              escalationRecommendation: assessment.escalationRecommendation,
              adjudications: current.adjudications,
              mitigationPlanId: agreedPlan?.id ?? null,
              residual,
            }),
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

  /**
   * The last attempt failed: the case leaves `screening` for `screening_failed` with the code of
   * the step that threw, so people see it (read model, review task, webhook, notice) and can
   * screen it again. A case that moved on meanwhile needs no record.
   */
  async onLastAttemptFailed(envelope: QueueEnvelope, error: unknown, attempts: number): Promise<void> {
    const caseId = String(envelope.data.caseId);
    const caseVersion = Number(envelope.data.caseVersion);
    const code: ScreeningFailureCode = error instanceof ScreeningStepFailed ? error.code : 'SCREENING.FAILED';
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error({ caseId, caseVersion, code, attempts, err: message }, 'screening failed for good');
    const command = new RecordScreeningFailureCommand(envelope.tenantId, caseId, { caseVersion, code, message, attempts }, SYSTEM_ACTOR);
    // Once more after a concurrent change: the command reads the case again.
    for (let tries = 1; ; tries += 1) {
      try {
        await this.commands.execute(command);
        return;
      } catch (recordError) {
        const errorCode = recordError instanceof DomainError ? recordError.code : undefined;
        if (errorCode === 'STREAM.VERSION_CONFLICT' && tries < 2) continue;
        if (errorCode === 'CASE.ILLEGAL_TRANSITION' || errorCode === 'CASE.NOT_FOUND') {
          this.logger.log({ caseId, caseVersion }, 'case moved on; its failed screening is not recorded');
          return;
        }
        throw recordError;
      }
    }
  }
}
