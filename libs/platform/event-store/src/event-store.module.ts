import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainHeadOrmEntity } from './chain-head.orm-entity';
import { EventChainLinkOrmEntity, EventChainPendingOrmEntity } from './event-chain.orm-entity';
import { EventChainRepository } from './event-chain.repository';
import { EventChainer } from './event-chainer';
import { EventFeedQueryService } from './event-feed.query-service';
import { EventRecordOrmEntity } from './event-record.orm-entity';
import { EventStore } from './event-store.repository';
import { EventHistory } from './event-history.query-service';

const entities = TypeOrmModule.forFeature([EventRecordOrmEntity, ChainHeadOrmEntity, EventChainLinkOrmEntity, EventChainPendingOrmEntity]);

@Global()
@Module({
  imports: [entities],
  providers: [EventStore, EventHistory, EventFeedQueryService],
  exports: [EventStore, EventHistory, EventFeedQueryService],
})
export class EventStoreModule {}

/** The chainer runs in the worker process only. */
@Module({ imports: [entities], providers: [EventChainRepository, EventChainer], exports: [EventChainer] })
export class EventChainerModule {}
