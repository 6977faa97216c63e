import { Injectable } from '@nestjs/common';
import { AppraisalPolicy, DEFAULT_POLICY } from '@ajar/appraisal';
import { PolicyQueryService } from '../infrastructure/policy.query-service';

/** A policy version as the engine runs it, with the name and version an assessment records. */
export interface PolicyInForce {
  name: string;
  version: number;
  policy: AppraisalPolicy;
}

/** Ajar's own defaults (RULES.md), used by a tenant that has published no `default` policy. */
export const BUILT_IN_POLICY_NAME = 'ajar-default';

/**
 * Which policy a case is appraised under: its call's policy version; otherwise the current
 * version of the tenant's policy named `default`; otherwise Ajar's built-in defaults (version 0).
 */
@Injectable()
export class PolicyCatalogue {
  constructor(private readonly policies: PolicyQueryService) {}

  /**
   * Whether `callId` is a call of this tenant that cases can be submitted under. A call has no
   * closing date or state yet: every call the tenant opened is open. Another tenant's call, or an
   * id that is no call, is not.
   */
  isOpenCall(tenantId: string, callId: string): Promise<boolean> {
    return this.policies.callExists(tenantId, callId);
  }

  async forCase(tenantId: string, callId: string | null): Promise<PolicyInForce> {
    const inForce = (callId ? await this.policies.policyOfCall(tenantId, callId) : undefined) ?? (await this.policies.currentVersionOf(tenantId, 'default'));
    if (inForce) return { name: inForce.name, version: inForce.version, policy: inForce.effective };
    return { name: BUILT_IN_POLICY_NAME, version: 0, policy: DEFAULT_POLICY };
  }
}
