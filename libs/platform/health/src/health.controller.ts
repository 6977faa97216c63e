import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { ApiProblems, NotRateLimited, Public } from '@ajar/http';
import type { SchemaObject } from '@ajar/http';
import { RedisHealthIndicator } from './redis.health';

/** Terminus' answer: `status` and, per dependency, `{ status: 'up' | 'down' }`. */
const HEALTH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { type: 'object', additionalProperties: true },
    error: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
};

@ApiTags('operations')
@NotRateLimited()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** The process is up (no dependencies checked). */
  @Get('live')
  @ApiOperation({ operationId: 'checkLiveness' })
  @ApiOkResponse({ schema: HEALTH_SCHEMA })
  @Public()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** PostgreSQL and Redis answer: the instance can take traffic. */
  @Get('ready')
  @ApiOperation({ operationId: 'checkReadiness' })
  @ApiOkResponse({ schema: HEALTH_SCHEMA })
  // Terminus refuses with 503, which the problem filter answers as 500 INTERNAL like any 5xx.
  @ApiProblems({ 500: ['INTERNAL: PostgreSQL or Redis does not answer'] })
  @Public()
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 1000 }),
      () => this.redis.isHealthy('redis'),
    ]);
  }
}
