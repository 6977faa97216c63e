import { Controller, Get, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { NotRateLimited, Public } from '@ajar/http';
import type { SchemaObject } from '@ajar/http';
import { Readiness, ReadinessReport } from './readiness';
import { RedisHealthIndicator } from './redis.health';

/**
 * Terminus' shape: `status` and, per dependency, `{ status: 'up' | 'down', required }`; `degraded`
 * when only a dependency the API can serve without (Redis) is down.
 */
const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'degraded', 'error', 'shutting_down'] },
    info: { type: 'object', additionalProperties: true },
    error: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
};

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
  @ApiOperation({ operationId: 'checkLiveness' })
  @ApiOkResponse({ schema: HEALTH_SCHEMA })
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
  @ApiOperation({ operationId: 'checkReadiness' })
  @ApiOkResponse({ schema: HEALTH_SCHEMA, description: '`ok`, or `degraded` when only Redis is down' })
  @ApiResponse({ status: 503, schema: HEALTH_SCHEMA, description: 'PostgreSQL does not answer: send this instance no traffic' })
  @Public()
  @HealthCheck()
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const { httpStatus, report } = await this.readiness.check();
    response.status(httpStatus);
    return report;
  }
}
