import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An advisory body (an `advisory_body` tenant) that a funder or institution registered as its
 * national advisor: escalations to `national_advisor` may go to it, and to nobody else.
 */
@Entity('tenant_advisors')
export class TenantAdvisorOrmEntity {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @PrimaryColumn('uuid')
  advisorTenantId!: string;

  @Column('uuid')
  registeredBy!: string;

  @Column('timestamptz')
  registeredAt!: Date;
}
