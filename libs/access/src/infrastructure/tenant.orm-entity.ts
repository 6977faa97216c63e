import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TenantKind } from '../domain/roles';

@Entity('tenants')
export class TenantOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('varchar', { length: 200 })
  name!: string;

  @Column('varchar', { length: 20 })
  kind!: TenantKind;

  /** Version of the tenant's event stream (tenant and its API keys). */
  @Column('int')
  version!: number;

  @Column('timestamptz')
  createdAt!: Date;
}
