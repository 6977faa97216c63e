import { Module } from '@nestjs/common';
import { CasesWorkerModule } from '@ajar/cases';
import { AjarConfigModule } from '@ajar/config';
import { DatabaseModule } from '@ajar/database';
import { EgressModule } from '@ajar/egress';
import { EventChainerModule, EventStoreModule } from '@ajar/event-store';
import { WorkerHealthModule } from '@ajar/health';
import { ConsumerHostModule, MessagingModule } from '@ajar/messaging';
import { IntegrationsWorkerModule } from '@ajar/integrations';
import { NotificationsWorkerModule } from '@ajar/notifications';
import { ObservabilityModule } from '@ajar/observability';
import { OutboxModule, OutboxRelayModule } from '@ajar/outbox';
import { RetentionModule } from '@ajar/retention';
import { WorkerHttpServer } from './worker-http.server';

/** The worker process: the outbox relay and the BullMQ consumers. Its only HTTP is /metrics and /health/live. */
@Module({
  imports: [
    AjarConfigModule,
    ObservabilityModule.forRoot({ http: false, name: 'ajar-worker' }),
    DatabaseModule.forRoot('ajar-worker'),
    EventStoreModule,
    OutboxModule,
    MessagingModule,
    EgressModule,
    OutboxRelayModule,
    EventChainerModule,
    ConsumerHostModule,
    CasesWorkerModule,
    RetentionModule,
    IntegrationsWorkerModule,
    NotificationsWorkerModule,
    WorkerHealthModule,
  ],
  providers: [WorkerHttpServer],
})
export class WorkerModule {}
