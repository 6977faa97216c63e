import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChainHeadOrmEntity } from './chain-head.orm-entity';
import { EventRecordOrmEntity } from './event-record.orm-entity';
import { EventStore } from './event-store';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EventRecordOrmEntity, ChainHeadOrmEntity])],
  providers: [EventStore],
  exports: [EventStore],
})
export class EventStoreModule {}
