import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis.health';
import { WorkerHealthServer } from './worker-health.server';

@Module({
  imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator],
})
export class HealthModule {}

/** The worker's probes: a bare HTTP server on AJAR_WORKER_HEALTH_PORT (the worker has no Nest HTTP). */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [RedisHealthIndicator, WorkerHealthServer],
  exports: [WorkerHealthServer],
})
export class WorkerHealthModule {}
