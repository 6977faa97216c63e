import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Adjudication } from '@ajar/appraisal';

/** An appraisal's result as stored: what the engine found, against which policy and list versions. */
export interface NewAssessment {
  id: string;
  tenantId: string;
  caseId: string;
  caseVersion: number;
  policy: { name: string; version: number };
  referenceLists: { listId: string; version: number }[];
  research: string;
  counterparty: string;
  integrity: string;
  level: string;
  route: string;
  dimensions: unknown;
  /** Each with its own id (list hits are adjudicated and reviewed by it). */
  findings: unknown[];
  escalationRecommendation: unknown;
  /** The adjudications the appraisal took into account. */
  adjudications: readonly Adjudication[];
  /** The agreed mitigation plan the residual risk was assessed against, if any. */
  mitigationPlanId: string | null;
  residual: unknown;
}

/** Writes assessments, always inside the case change that records them (CaseRepository's `alongside`). */
@Injectable()
export class AssessmentRepository {
  /**
   * Raw SQL: the sequence is the case's next one, computed in the INSERT itself so that two
   * appraisals never take the same number; the unique inputs (list, adjudication and mitigation
   * keys) refuse a second copy of the same appraisal.
   */
  async add(tx: EntityManager, assessment: NewAssessment): Promise<void> {
    await tx.query(
      `INSERT INTO assessments (id, tenant_id, case_id, case_version, sequence, policy_name, policy_version, reference_lists,
                                reference_lists_key, research, counterparty, integrity, level, route, dimensions, findings,
                                escalation_recommendation, adjudications_key, mitigation_key, residual, completed_at)
       SELECT $1, $2, $3, $4, coalesce(max(sequence), 0) + 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now()
         FROM assessments WHERE case_id = $3`,
      [
        assessment.id,
        assessment.tenantId,
        assessment.caseId,
        assessment.caseVersion,
        assessment.policy.name,
        assessment.policy.version,
        JSON.stringify(assessment.referenceLists),
        assessment.referenceLists.map((list) => `${list.listId}@${list.version}`).sort().join(','),
        assessment.research,
        assessment.counterparty,
        assessment.integrity,
        assessment.level,
        assessment.route,
        JSON.stringify(assessment.dimensions),
        JSON.stringify(assessment.findings),
        JSON.stringify(assessment.escalationRecommendation),
        assessment.adjudications
          .map((decision) => `${decision.subject}|${decision.listId}|${decision.entryId}|${decision.decision}|${decision.entryLastChange ?? ''}`)
          .sort()
          .join(','),
        assessment.mitigationPlanId ?? '',
        assessment.residual === null ? null : JSON.stringify(assessment.residual),
      ],
    );
  }
}
