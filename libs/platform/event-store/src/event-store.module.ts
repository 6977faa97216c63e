import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainHeadOrmEntity } from './chain-head.orm-entity';
import { EventChainLinkOrmEntity, EventChainPendingOrmEntity } from './event-chain.orm-entity';
import { EventChainer } from './event-chainer';
import { EventRecordOrmEntity } from './event-record.orm-entity';
import { EventStore } from './event-store';

const entities = TypeOrmModule.forFeature([EventRecordOrmEntity, ChainHeadOrmEntity, EventChainLinkOrmEntity, EventChainPendingOrmEntity]);

@Global()
@Module({
  imports: [entities],
  providers: [EventStore],
  exports: [EventStore],
})
export class EventStoreModule {}

/** The chainer runs in the worker process only. */
@Module({ imports: [entities], providers: [EventChainer], exports: [EventChainer] })
export class EventChainerModule {}
