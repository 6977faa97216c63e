import { Controller, Get, Logger, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { NotRateLimited, Public } from '@ajar/http';
import { Readiness, ReadinessReport } from './readiness';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('operations')
@NotRateLimited()
@Controller('health')
export class HealthController {
  private readonly readiness: Readiness;

  constructor(
    private readonly health: HealthCheckService,
    database: TypeOrmHealthIndicator,
    redis: RedisHealthIndicator,
  ) {
    this.readiness = new Readiness(
      [
        // Every route reads or writes PostgreSQL: without it the API cannot serve.
        { name: 'postgres', required: true, probe: () => database.pingCheck('postgres', { timeout: 1000 }) },
        // Intake does not need Redis (the worker relays the outbox; rate limits fail open): degraded only.
        { name: 'redis', required: false, probe: () => redis.isHealthy('redis') },
      ],
      new Logger(HealthController.name),
    );
  }

  /** The process is up (no dependencies checked): restart it only if this fails. */
  @Get('live')
  @Public()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * Whether to send this instance traffic: 503 when PostgreSQL is down; 200 with status
   * `degraded` when only Redis is (intake keeps answering).
   */
  @Get('ready')
  @Public()
  @HealthCheck()
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const { httpStatus, report } = await this.readiness.check();
    response.status(httpStatus);
    return report;
  }
}
