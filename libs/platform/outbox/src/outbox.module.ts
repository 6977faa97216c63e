import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InboxMessageOrmEntity } from './inbox-message.orm-entity';
import { OutboxBacklogQueryService } from './outbox-backlog.query-service';
import { OutboxMetrics } from './outbox-metrics';
import { Inbox, Outbox, OutboxMessageRepository } from './outbox.repository';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxRelay } from './outbox-relay';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageOrmEntity, InboxMessageOrmEntity])],
  // The lag metrics in both processes: the API still reports it while the worker is down.
  providers: [Outbox, Inbox, OutboxBacklogQueryService, OutboxMetrics],
  exports: [Outbox, Inbox],
})
export class OutboxModule {}

/** The relay runs in the worker process only. */
@Module({ providers: [OutboxMessageRepository, OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}
