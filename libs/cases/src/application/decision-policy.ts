import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '@ajar/appraisal';
import { PolicyCatalogue } from '@ajar/policies';
import { CaseNotFound } from '../domain/case.errors';
import type { DecisionWindows } from '../domain/case-review';

/** The response and appeal windows of the policy in force for a case (its call's, else the tenant's). */
@Injectable()
export class DecisionPolicy {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policies: PolicyCatalogue,
  ) {}

  async windowsFor(tenantId: string, caseId: string): Promise<DecisionWindows> {
    const rows: { call_id: string | null }[] = await this.dataSource.query(`SELECT call_id FROM cases WHERE tenant_id = $1 AND id = $2`, [tenantId, caseId]);
    if (rows.length === 0) throw new CaseNotFound(caseId);
    const { policy } = await this.policies.forCase(tenantId, rows[0].call_id);
    return {
      responseWindowDays: policy.responseWindowDays ?? DEFAULT_POLICY.responseWindowDays,
      // Policy versions stored before the appeal window existed fall back to the default.
      appealWindowDays: policy.appealWindowDays ?? DEFAULT_POLICY.appealWindowDays,
    };
  }
}
