import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { AdvisorRegistrationCodeOrmEntity } from './advisor-registration-code.orm-entity';

/** Registration codes of advisory bodies: issued, revoked, and redeemed once. */
@Injectable()
export class AdvisorRegistrationCodeRepository {
  async insert(em: EntityManager, code: AdvisorRegistrationCodeOrmEntity): Promise<void> {
    await em.getRepository(AdvisorRegistrationCodeOrmEntity).insert(code);
  }

  /**
   * Uses the code up if it is the advisory body's, unexpired, unused, unrevoked and meant for this
   * tenant (or for any). One conditional UPDATE, so two tenants presenting the same code at once
   * cannot both succeed. Raw SQL: the query builder does not express `now()` comparisons with
   * RETURNING as plainly. Returns the code's id, or null when it may not be used.
   */
  async redeem(em: EntityManager, codeHash: string, advisorTenantId: string, tenantId: string): Promise<string | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ id: string }[], number] = await em.query(
      `UPDATE advisor_registration_codes SET redeemed_by_tenant_id = $3, redeemed_at = now()
        WHERE code_hash = $1 AND advisor_tenant_id = $2 AND redeemed_at IS NULL AND revoked_at IS NULL
          AND expires_at > now() AND (for_tenant_id IS NULL OR for_tenant_id = $3)
        RETURNING id`,
      [codeHash, advisorTenantId, tenantId],
    );
    return rows[0]?.id ?? null;
  }

  /** Revokes an unused code of the advisory body; false when there is none to revoke. */
  async revoke(em: EntityManager, advisorTenantId: string, id: string): Promise<boolean> {
    const result = await em
      .getRepository(AdvisorRegistrationCodeOrmEntity)
      .update({ id, advisorTenantId, redeemedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    return result.affected === 1;
  }
}
