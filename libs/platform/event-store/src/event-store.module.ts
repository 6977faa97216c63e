import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainHeadOrmEntity } from './chain-head.orm-entity';
import { EventChainLinkOrmEntity, EventChainPendingOrmEntity } from './event-chain.orm-entity';
import { EventChainer } from './event-chainer';
import { EventRecordOrmEntity } from './event-record.orm-entity';
import { EventStore } from './event-store';
import { EventHistory } from './event-history.query-service';

const entities = TypeOrmModule.forFeature([EventRecordOrmEntity, ChainHeadOrmEntity, EventChainLinkOrmEntity, EventChainPendingOrmEntity]);

@Global()
@Module({
  imports: [entities],
  providers: [EventStore, EventHistory],
  exports: [EventStore, EventHistory],
})
export class EventStoreModule {}

/** The chainer runs in the worker process only. */
@Module({ imports: [entities], providers: [EventChainer], exports: [EventChainer] })
export class EventChainerModule {}
