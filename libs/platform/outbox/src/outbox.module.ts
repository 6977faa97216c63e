import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobReceipts } from '@ajar/messaging';
import { InboxMessageOrmEntity } from './inbox-message.orm-entity';
import { OutboxBacklogQueryService } from './outbox-backlog.query-service';
import { OutboxMetrics } from './outbox-metrics';
import { Inbox, Outbox, OutboxMessageRepository } from './outbox.repository';
import { OutboxMessageOrmEntity } from './outbox-message.orm-entity';
import { OutboxRelay } from './outbox-relay';
import { OutboxReceipts } from './outbox-receipts';
import { OutboxReconciler } from './outbox-reconciler';
import { OwedOutboxRepository } from './owed-outbox.repository';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessageOrmEntity, InboxMessageOrmEntity])],
  // The lag metrics in both processes: the API still reports it while the worker is down.
  providers: [Outbox, Inbox, OutboxBacklogQueryService, OutboxMetrics],
  exports: [Outbox, Inbox],
})
export class OutboxModule {}

/**
 * The relay and the reconciler run in the worker process only. Global so that the consumer host
 * finds the receipts that settle outbox rows.
 */
@Global()
@Module({
  providers: [OutboxMessageRepository, OutboxRelay, OwedOutboxRepository, OutboxReconciler, { provide: JobReceipts, useClass: OutboxReceipts }],
  exports: [OutboxRelay, OutboxReconciler, JobReceipts],
})
export class OutboxRelayModule {}
