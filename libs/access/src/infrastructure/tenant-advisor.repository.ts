import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The advisory bodies a tenant registered. Raw SQL: the upsert keeps the first registration time
 * (`ON CONFLICT ... DO UPDATE ... RETURNING`), which TypeORM's upsert does not return.
 */
@Injectable()
export class TenantAdvisorRepository {
  /** Registers the advisor (again: a no-op); returns when it was first registered. */
  async register(em: EntityManager, tenantId: string, advisorTenantId: string, registeredBy: string): Promise<Date> {
    const inserted: { registered_at: Date }[] = await em.query(
      `INSERT INTO tenant_advisors (tenant_id, advisor_tenant_id, registered_by, registered_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (tenant_id, advisor_tenant_id) DO UPDATE SET registered_at = tenant_advisors.registered_at RETURNING registered_at`,
      [tenantId, advisorTenantId, registeredBy],
    );
    return inserted[0].registered_at;
  }
}
