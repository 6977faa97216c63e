import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ConsumerHost } from './consumer-host';
import { QueueMetrics } from './queue-metrics';
import { JobSchedules } from './job-schedules';
import { QueueRegistry } from './queue-registry';
import { RedisConnections } from './redis-connections';

/** Queues for producers (API and worker). */
@Global()
@Module({
  providers: [RedisConnections, QueueRegistry, QueueMetrics, JobSchedules],
  exports: [RedisConnections, QueueRegistry, QueueMetrics, JobSchedules],
})
export class MessagingModule {}

/** Worker side: starts the BullMQ workers of every `@ConsumesQueue` provider. Worker app only. */
@Module({
  imports: [DiscoveryModule],
  providers: [ConsumerHost],
})
export class ConsumerHostModule {}
