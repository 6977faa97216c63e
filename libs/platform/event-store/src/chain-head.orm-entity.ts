import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The newest link of a tenant's hash chain; its row lock orders the chainer's writes. */
@Entity('event_chain_heads')
export class ChainHeadOrmEntity {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @Column('bigint')
  sequence!: string;

  @Column('char', { length: 64 })
  hash!: string;
}
