export { IntegrationsHttpModule, IntegrationsWorkerModule } from './integrations.module';
export { WEBHOOK_ENTITIES } from './infrastructure/webhook.orm-entities';
export { INBOUND_ENTITIES } from './infrastructure/inbound.orm-entities';
export { WebhookFanOut } from './infrastructure/webhook-fan-out';
export { WebhookDeliveryRepository } from './infrastructure/webhook-delivery.repository';
export { WebhookDeliverySweeper } from './infrastructure/webhook-delivery-sweeper';
export { INTEGRATION_EVENT_TYPES, toIntegrationEvent, webhookBody, webhookId } from './domain/integration-event';
