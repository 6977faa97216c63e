import { Controller, Get, Logger, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { NotRateLimited, Public } from '@ajar/http';
import { DependencyProbe, DependencyState, probeState, ReadinessReport, readinessReport } from './readiness';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('operations')
@NotRateLimited()
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);
  private readonly probes: DependencyProbe[];
  /** Last seen state per dependency: a change is logged once, not on every probe. */
  private readonly lastStatus = new Map<string, DependencyState['status']>();

  constructor(
    private readonly health: HealthCheckService,
    database: TypeOrmHealthIndicator,
    redis: RedisHealthIndicator,
  ) {
    this.probes = [
      // Every route reads or writes PostgreSQL: without it the API cannot serve.
      { name: 'postgres', required: true, probe: () => database.pingCheck('postgres', { timeout: 1000 }) },
      // Intake does not need Redis (the worker relays the outbox; rate limits fail open): degraded only.
      { name: 'redis', required: false, probe: () => redis.isHealthy('redis') },
    ];
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
    const states = await Promise.all(this.probes.map(async (probe) => [probe.name, await probeState(probe)] as const));
    for (const [name, state] of states) this.noteChange(name, state);
    const { httpStatus, report } = readinessReport(Object.fromEntries(states));
    response.status(httpStatus);
    return report;
  }

  private noteChange(name: string, state: DependencyState): void {
    const previous = this.lastStatus.get(name);
    this.lastStatus.set(name, state.status);
    if (previous === undefined || previous === state.status) return;
    if (state.status === 'down') this.logger.warn({ dependency: name, required: state.required }, 'readiness: dependency down');
    else this.logger.log({ dependency: name }, 'readiness: dependency back up');
  }
}
