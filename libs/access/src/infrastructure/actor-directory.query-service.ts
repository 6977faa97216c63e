import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A role looked for among a tenant's keys. */
export interface WantedRole {
  tenantId: string;
  role: string;
}

/** A key that receives notices: its id and the contact address it carries. */
export interface NoticeRecipient {
  keyId: string;
  contactEmail: string;
}

/**
 * What other contexts may know of a tenant's actors (API keys) and advisory bodies, read from the
 * access context's own tables. Raw SQL: the role checks are array operators (`= ANY(roles)`) and
 * the recipient search joins an `unnest` of wanted roles, which the query builder only wraps in
 * strings. Parameters only.
 */
@Injectable()
export class ActorDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether the key is a live (not revoked) key of the tenant carrying the role. */
  async isActiveKeyWithRole(tenantId: string, keyId: string, role: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM api_keys WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL AND $3 = ANY(roles)`,
      [tenantId, keyId, role],
    );
    return rows.length > 0;
  }

  /** The advisory bodies (tenant ids) the tenant registered as its national advisors. */
  async advisorsOf(tenantId: string): Promise<string[]> {
    const rows: { advisor_tenant_id: string }[] = await this.dataSource.query(`SELECT advisor_tenant_id FROM tenant_advisors WHERE tenant_id = $1`, [tenantId]);
    return rows.map((row) => row.advisor_tenant_id);
  }

  /** The names of the tenant's keys among `keyIds` (revoked ones too: a record names who acted then). */
  async keyNames(tenantId: string, keyIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(keyIds)];
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(`SELECT id, name FROM api_keys WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    return new Map(rows.map((key) => [key.id, key.name]));
  }

  /**
   * Active keys with one of the wanted roles and a contact address, one per key, in key id order.
   * A key of another tenant counts only while that tenant is registered as an advisor of
   * `ofTenantId` (the tenant the notice is about).
   */
  async noticeRecipients(ofTenantId: string, wanted: readonly WantedRole[]): Promise<NoticeRecipient[]> {
    if (wanted.length === 0) return [];
    const rows: { id: string; contact_email: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (k.id) k.id, k.contact_email
         FROM unnest($1::uuid[], $2::text[]) AS wanted(tenant_id, role)
         JOIN api_keys k ON k.tenant_id = wanted.tenant_id AND wanted.role = ANY(k.roles)
        WHERE k.revoked_at IS NULL
          AND k.contact_email IS NOT NULL AND k.contact_email <> ''
          AND (wanted.tenant_id = $3
               OR EXISTS (SELECT 1 FROM tenant_advisors a WHERE a.tenant_id = $3 AND a.advisor_tenant_id = wanted.tenant_id))
        ORDER BY k.id`,
      [wanted.map((entry) => entry.tenantId), wanted.map((entry) => entry.role), ofTenantId],
    );
    return rows.map((row) => ({ keyId: row.id, contactEmail: row.contact_email }));
  }
}
