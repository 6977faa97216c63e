import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppraisalPolicy } from '@ajar/appraisal';

export interface CallRecord {
  id: string;
  title: string;
  externalRef: string | null;
  policyName: string;
  policyVersion: number;
  createdAt: Date;
}

export interface PolicyVersionRecord {
  version: number;
  currentVersion: number;
  createdAt: Date;
  /** Only on the current version. */
  document: Record<string, unknown> | null;
  effective: Record<string, unknown> | null;
}

export interface EffectivePolicyVersion {
  name: string;
  version: number;
  effective: AppraisalPolicy;
}

/**
 * Read models of policies and calls, for the API and for the policy lookup of other contexts.
 * Raw SQL: joins of a policy or call with its version, one round trip each.
 */
@Injectable()
export class PolicyQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async callExists(tenantId: string, callId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM calls WHERE tenant_id = $1 AND id = $2`, [tenantId, callId]);
    return rows.length > 0;
  }

  async findCall(tenantId: string, callId: string): Promise<CallRecord | undefined> {
    const rows: { id: string; title: string; external_ref: string | null; policy_name: string; policy_version: number; created_at: Date }[] =
      await this.dataSource.query(`SELECT * FROM calls WHERE tenant_id = $1 AND id = $2`, [tenantId, callId]);
    const call = rows[0];
    return call
      ? { id: call.id, title: call.title, externalRef: call.external_ref, policyName: call.policy_name, policyVersion: call.policy_version, createdAt: call.created_at }
      : undefined;
  }

  /** The policy version a call is bound to, with the policy the engine runs. */
  async policyOfCall(tenantId: string, callId: string): Promise<EffectivePolicyVersion | undefined> {
    const rows: { policy_name: string; policy_version: number; effective: AppraisalPolicy }[] = await this.dataSource.query(
      `SELECT c.policy_name, c.policy_version, v.effective FROM calls c
         JOIN policy_versions v ON v.policy_id = c.policy_id AND v.version = c.policy_version
        WHERE c.tenant_id = $1 AND c.id = $2`,
      [tenantId, callId],
    );
    return rows[0] ? { name: rows[0].policy_name, version: rows[0].policy_version, effective: rows[0].effective } : undefined;
  }

  /** The current version of the tenant's policy of that name. */
  async currentVersionOf(tenantId: string, name: string): Promise<EffectivePolicyVersion | undefined> {
    const rows: { version: number; effective: AppraisalPolicy }[] = await this.dataSource.query(
      `SELECT v.version, v.effective FROM policies p
         JOIN policy_versions v ON v.policy_id = p.id AND v.version = p.current_version
        WHERE p.tenant_id = $1 AND p.name = $2`,
      [tenantId, name],
    );
    return rows[0] ? { name, version: rows[0].version, effective: rows[0].effective } : undefined;
  }

  /** Every version of the named policy, newest first; the document only with the current one. */
  async versionsOf(tenantId: string, name: string): Promise<PolicyVersionRecord[]> {
    const rows: { version: number; document: Record<string, unknown> | null; effective: Record<string, unknown> | null; created_at: Date; current_version: number }[] =
      await this.dataSource.query(
        `SELECT v.version, v.created_at, p.current_version,
                CASE WHEN v.version = p.current_version THEN v.document END AS document,
                CASE WHEN v.version = p.current_version THEN v.effective END AS effective
           FROM policies p JOIN policy_versions v ON v.policy_id = p.id
          WHERE p.tenant_id = $1 AND p.name = $2 ORDER BY v.version DESC`,
        [tenantId, name],
      );
    return rows.map((row) => ({ version: row.version, currentVersion: row.current_version, createdAt: row.created_at, document: row.document, effective: row.effective }));
  }
}
