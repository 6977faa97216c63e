import { Module } from '@nestjs/common';
import { AccessHttpModule } from '@ajar/access';
import { AuditHttpModule } from '@ajar/audit';
import { CasesHttpModule } from '@ajar/cases';
import { AjarConfigModule } from '@ajar/config';
import { DatabaseModule } from '@ajar/database';
import { EgressModule } from '@ajar/egress';
import { EventStoreModule } from '@ajar/event-store';
import { HealthModule } from '@ajar/health';
import { HttpPlatformModule } from '@ajar/http';
import { MessagingModule, QueueDashboardModule } from '@ajar/messaging';
import { IntegrationsHttpModule } from '@ajar/integrations';
import { ObservabilityModule } from '@ajar/observability';
import { OutboxModule } from '@ajar/outbox';
import { PoliciesHttpModule } from '@ajar/policies';
import { RateLimitsModule } from '@ajar/rate-limits';
import { ReferenceListsHttpModule } from '@ajar/reference-lists';
import { HttpDrain } from './http-drain';

/** The HTTP process: controllers, guards, OpenAPI. No queue consumers run here. */
@Module({
  imports: [
    AjarConfigModule,
    ObservabilityModule.forRoot({ http: true, name: 'ajar-api' }),
    DatabaseModule.forRoot('ajar-api'),
    EventStoreModule,
    OutboxModule,
    MessagingModule,
    QueueDashboardModule,
    EgressModule,
    HttpPlatformModule,
    HealthModule,
    AccessHttpModule,
    CasesHttpModule,
    AuditHttpModule,
    PoliciesHttpModule,
    ReferenceListsHttpModule,
    IntegrationsHttpModule,
    // After the access modules: its guard counts per API key, so it runs after the API-key guard.
    RateLimitsModule,
  ],
  providers: [HttpDrain],
})
export class ApiModule {}
