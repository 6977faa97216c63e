import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A screening request the appraisal worker has received for one case version. The engine (next
 * issue) completes it; until then the case waits in `screening` and nothing invents a result.
 */
@Entity('screening_requests')
export class ScreeningRequestOrmEntity {
  @PrimaryColumn('uuid')
  caseId!: string;

  @PrimaryColumn('int')
  caseVersion!: number;

  @Column('uuid')
  tenantId!: string;

  /** The outbox message that carried the request. */
  @Column('uuid')
  messageId!: string;

  @Column('varchar', { length: 20 })
  status!: 'received';

  @Column('timestamptz')
  receivedAt!: Date;
}
