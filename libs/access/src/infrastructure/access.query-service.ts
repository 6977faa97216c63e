import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ApiKeyView } from '../application/queries/list-api-keys.query';
import { AdvisorRegistrationCodeOrmEntity } from './advisor-registration-code.orm-entity';

export interface AdvisorView {
  advisorTenantId: string;
  name: string;
  registeredAt: string;
}

export interface AdvisorRegistrationCodeView {
  id: string;
  forTenantId: string | null;
  issuedAt: string;
  expiresAt: string;
  redeemedByTenantId: string | null;
  redeemedAt: string | null;
  revokedAt: string | null;
}

const view = (row: AdvisorRegistrationCodeOrmEntity): AdvisorRegistrationCodeView => ({
  id: row.id,
  forTenantId: row.forTenantId,
  issuedAt: row.issuedAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  redeemedByTenantId: row.redeemedByTenantId,
  redeemedAt: row.redeemedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** Read models of the access context: a tenant's keys, its registered advisors, an advisory body's registration codes. */
@Injectable()
export class AccessQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async apiKeys(tenantId: string): Promise<ApiKeyView[]> {
    const rows: { id: string; name: string; roles: string[]; display_prefix: string; contact_email: string | null; created_at: Date; revoked_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, name, roles, display_prefix, contact_email, created_at, revoked_at FROM api_keys
          WHERE tenant_id = $1 ORDER BY created_at, id`,
        [tenantId],
      );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      roles: row.roles,
      displayPrefix: row.display_prefix,
      contactEmail: row.contact_email,
      createdAt: row.created_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
    }));
  }

  /** Raw SQL: a join of two tables into a flat view. */
  async advisors(tenantId: string): Promise<AdvisorView[]> {
    const rows: { advisor_tenant_id: string; name: string; registered_at: Date }[] = await this.dataSource.query(
      `SELECT a.advisor_tenant_id, t.name, a.registered_at FROM tenant_advisors a JOIN tenants t ON t.id = a.advisor_tenant_id
        WHERE a.tenant_id = $1 ORDER BY a.registered_at`,
      [tenantId],
    );
    return rows.map((row) => ({ advisorTenantId: row.advisor_tenant_id, name: row.name, registeredAt: row.registered_at.toISOString() }));
  }

  /** The advisory body's registration codes, newest first (never the codes themselves). */
  async registrationCodes(advisorTenantId: string): Promise<AdvisorRegistrationCodeView[]> {
    const rows = await this.dataSource.getRepository(AdvisorRegistrationCodeOrmEntity).find({ where: { advisorTenantId }, order: { issuedAt: 'DESC', id: 'DESC' } });
    return rows.map(view);
  }
}
