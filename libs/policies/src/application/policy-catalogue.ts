import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppraisalPolicy, DEFAULT_POLICY } from '@ajar/appraisal';

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
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Whether `callId` is a call of this tenant that cases can be submitted under. A call has no
   * closing date or state yet: every call the tenant opened is open. Another tenant's call, or an
   * id that is no call, is not.
   */
  async isOpenCall(tenantId: string, callId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM calls WHERE tenant_id = $1 AND id = $2`, [tenantId, callId]);
    return rows.length > 0;
  }

  async forCase(tenantId: string, callId: string | null): Promise<PolicyInForce> {
    if (callId) {
      const rows: { policy_name: string; policy_version: number; effective: AppraisalPolicy }[] = await this.dataSource.query(
        `SELECT c.policy_name, c.policy_version, v.effective FROM calls c
           JOIN policy_versions v ON v.policy_id = c.policy_id AND v.version = c.policy_version
          WHERE c.tenant_id = $1 AND c.id = $2`,
        [tenantId, callId],
      );
      if (rows[0]) return { name: rows[0].policy_name, version: rows[0].policy_version, policy: rows[0].effective };
    }
    const defaults: { version: number; effective: AppraisalPolicy }[] = await this.dataSource.query(
      `SELECT v.version, v.effective FROM policies p
         JOIN policy_versions v ON v.policy_id = p.id AND v.version = p.current_version
        WHERE p.tenant_id = $1 AND p.name = 'default'`,
      [tenantId],
    );
    if (defaults[0]) return { name: 'default', version: defaults[0].version, policy: defaults[0].effective };
    return { name: BUILT_IN_POLICY_NAME, version: 0, policy: DEFAULT_POLICY };
  }
}
