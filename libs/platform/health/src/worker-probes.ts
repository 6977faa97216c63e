import { Injectable, Logger } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Readiness, ReadinessReport } from './readiness';
import { RedisHealthIndicator } from './redis.health';

/**
 * The worker's probes, answered by its one HTTP listener (apps/worker): liveness is the process;
 * readiness needs both PostgreSQL (the outbox, every job's data) and Redis (the queues), 503 when
 * either is down. Bodies in the API's readiness shape.
 */
@Injectable()
export class WorkerProbes {
  private readonly readiness: Readiness;

  constructor(database: TypeOrmHealthIndicator, redis: RedisHealthIndicator) {
    this.readiness = new Readiness(
      [
        { name: 'postgres', required: true, probe: () => database.pingCheck('postgres', { timeout: 1000 }) },
        { name: 'redis', required: true, probe: () => redis.isHealthy('redis') },
      ],
      new Logger(WorkerProbes.name),
    );
  }

  live(): ReadinessReport {
    return { status: 'ok', info: {}, error: {}, details: {} };
  }

  ready(): Promise<{ httpStatus: number; report: ReadinessReport }> {
    return this.readiness.check();
  }
}
