import { Injectable } from '@nestjs/common';
import { DEFAULT_POLICY, type AppraisalPolicy } from '@ajar/appraisal';
import type { EscalationTarget } from '../domain/case-workflow';
import { PolicyCatalogue } from '@ajar/policies';
import { CaseNotFound } from '../domain/case.errors';
import { CaseQueryService } from '../infrastructure/case.query-service';
import type { DecisionWindows } from '../domain/case-review';

/** The windows and due times of the policy in force for a case (its call's, else the tenant's). */
@Injectable()
export class DecisionPolicy {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly policies: PolicyCatalogue,
  ) {}

  private async policyOf(tenantId: string, caseId: string): Promise<AppraisalPolicy> {
    const callId = await this.cases.callIdOf(tenantId, caseId);
    if (callId === undefined) throw new CaseNotFound(caseId);
    return (await this.policies.forCase(tenantId, callId)).policy;
  }

  /** Due times of escalation answers (per target) and of information requests. */
  async dueTimesFor(tenantId: string, caseId: string): Promise<{ slaDays: Record<EscalationTarget, number>; informationRequestDays: number }> {
    const policy = await this.policyOf(tenantId, caseId);
    return {
      slaDays: { ...DEFAULT_POLICY.slaDays, ...policy.slaDays },
      informationRequestDays: policy.informationRequestDays ?? DEFAULT_POLICY.informationRequestDays,
    };
  }

  async windowsFor(tenantId: string, caseId: string): Promise<DecisionWindows> {
    const policy = await this.policyOf(tenantId, caseId);
    return {
      responseWindowDays: policy.responseWindowDays ?? DEFAULT_POLICY.responseWindowDays,
      // Policy versions stored before the appeal window existed fall back to the default.
      appealWindowDays: policy.appealWindowDays ?? DEFAULT_POLICY.appealWindowDays,
    };
  }
}
