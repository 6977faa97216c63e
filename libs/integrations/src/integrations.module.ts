import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesHttpModule } from '@ajar/cases';
import { CreateInboundIntegrationHandler } from './application/commands/create-inbound-integration/create-inbound-integration.handler';
import { InboundWebhookReceiver } from './application/inbound-webhook-receiver';
import { GetInboundLogHandler, ListInboundIntegrationsHandler } from './application/queries/inbound.queries';
import { InboundIntegrationsController, InboundWebhooksController } from './interface/http/inbound.controller';
import { ChangeWebhookEndpointHandler } from './application/commands/change-webhook-endpoint/change-webhook-endpoint.handler';
import { CreateWebhookEndpointHandler } from './application/commands/create-webhook-endpoint/create-webhook-endpoint.handler';
import { ReplayWebhookMessageHandler } from './application/commands/replay-webhook-message/replay-webhook-message.handler';
import { RotateWebhookSecretHandler } from './application/commands/rotate-webhook-secret/rotate-webhook-secret.handler';
import { GetWebhookEndpointHandler, GetWebhookMessageHandler, ListWebhookAttemptsHandler, ListWebhookEndpointsHandler } from './application/queries/webhook.queries';
import { INBOUND_ENTITIES } from './infrastructure/inbound.orm-entities';
import { WebhookDeliverySweeper } from './infrastructure/webhook-delivery-sweeper';
import { WebhookDeliveryProcessor } from './infrastructure/webhook-delivery.processor';
import { WebhookEndpointDisabler } from './infrastructure/webhook-endpoint-disabler';
import { WebhookFanOut } from './infrastructure/webhook-fan-out';
import { WebhookMetrics } from './infrastructure/webhook-metrics';
import { WEBHOOK_ENTITIES } from './infrastructure/webhook.orm-entities';
import { InboundIntegrationRepository } from './infrastructure/inbound-integration.repository';
import { InboundMessageRepository } from './infrastructure/inbound-message.repository';
import { InboundQueryService } from './infrastructure/inbound.query-service';
import { WebhookDeliveryRepository } from './infrastructure/webhook-delivery.repository';
import { WebhookEndpointRepository } from './infrastructure/webhook-endpoint.repository';
import { WebhookQueryService } from './infrastructure/webhook.query-service';
import { WebhookEndpointsController, WebhookMessagesController } from './interface/http/webhooks.controller';

const entities = TypeOrmModule.forFeature([...WEBHOOK_ENTITIES, ...INBOUND_ENTITIES]);

/** Webhook endpoints, messages and inbound integrations over HTTP. Imported by apps/api only. */
@Module({
  imports: [CqrsModule, entities, CasesHttpModule],
  controllers: [WebhookEndpointsController, WebhookMessagesController, InboundIntegrationsController, InboundWebhooksController],
  providers: [
    CreateInboundIntegrationHandler,
    ListInboundIntegrationsHandler,
    GetInboundLogHandler,
    InboundWebhookReceiver,
    CreateWebhookEndpointHandler,
    ChangeWebhookEndpointHandler,
    RotateWebhookSecretHandler,
    ReplayWebhookMessageHandler,
    ListWebhookEndpointsHandler,
    GetWebhookEndpointHandler,
    ListWebhookAttemptsHandler,
    GetWebhookMessageHandler,
    WebhookEndpointRepository,
    WebhookDeliveryRepository,
    WebhookQueryService,
    InboundIntegrationRepository,
    InboundMessageRepository,
    InboundQueryService,
  ],
})
export class IntegrationsHttpModule {}

/** Fan-out, delivery and the lost-job sweeper. Imported by apps/worker only. */
@Module({
  imports: [entities],
  providers: [WebhookEndpointRepository, WebhookDeliveryRepository, WebhookFanOut, WebhookDeliveryProcessor, WebhookEndpointDisabler, WebhookDeliverySweeper, WebhookMetrics],
  exports: [WebhookFanOut, WebhookDeliverySweeper],
})
export class IntegrationsWorkerModule {}
