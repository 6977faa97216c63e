import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainHeadOrmEntity } from './chain-head.orm-entity';
import { EventChainLinkOrmEntity, EventChainPendingOrmEntity } from './event-chain.orm-entity';
import { EventChainBacklogQueryService } from './event-chain-backlog.query-service';
import { EventChainMetrics } from './event-chain-metrics';
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
  // The chainer lag metrics in both processes: the API still reports it while the worker is down.
  providers: [EventStore, EventHistory, EventFeedQueryService, EventChainBacklogQueryService, EventChainMetrics],
  exports: [EventStore, EventHistory, EventFeedQueryService],
})
export class EventStoreModule {}

/** The chainer runs in the worker process only. */
@Module({ imports: [entities], providers: [EventChainRepository, EventChainer], exports: [EventChainer] })
export class EventChainerModule {}
