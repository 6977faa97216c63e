export { Queues, DEFAULT_JOB_OPTIONS, notBefore } from './queues';
export type { QueueEnvelope, QueueName } from './queues';
export { ConsumesQueue } from './queue-consumer';
export type { QueueConsumer } from './queue-consumer';
export { QueueRegistry } from './queue-registry';
export { RedisConnections } from './redis-connections';
export { MessagingModule, ConsumerHostModule } from './messaging.module';
export { QueueMetrics } from './queue-metrics';
export { QueueDashboardModule, QUEUE_DASHBOARD_PATH } from './queue-dashboard';
