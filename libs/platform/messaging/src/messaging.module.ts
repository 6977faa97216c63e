import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BackgroundGate } from '@ajar/database';
import { ApiLoadReporter } from './api-load';
import { ConsumerHost } from './consumer-host';
import { QueueRegistry } from './queue-registry';
import { RedisConnections } from './redis-connections';
import { WorkerYield } from './worker-yield';

/** Queues for producers (API and worker). */
@Global()
@Module({
  providers: [RedisConnections, QueueRegistry],
  exports: [RedisConnections, QueueRegistry],
})
export class MessagingModule {}

/**
 * Worker side: starts the BullMQ workers of every `@ConsumesQueue` provider, and gives every
 * module the worker's `BackgroundGate` (`WorkerYield`). Worker app only.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [ConsumerHost, WorkerYield, { provide: BackgroundGate, useExisting: WorkerYield }],
  exports: [BackgroundGate],
})
export class ConsumerHostModule {}

/** API side: reports the process's load for the worker's `WorkerYield`. API app only. */
@Module({ providers: [ApiLoadReporter] })
export class ApiLoadReportModule {}
