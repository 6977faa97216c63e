import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { hostname } from 'node:os';
import { EventLoopUtilization, performance } from 'node:perf_hooks';
import { AjarEnvironment } from '@ajar/config';
import { RedisConnections } from './redis-connections';

/** How often an API process reports its load, and how old a report may be to count. */
export const API_LOAD_REPORT_MS = 500;
const FRESH_FOR_MS = 2_000;
/** The reports vanish with the last API process that wrote them. */
const KEY_TTL_MS = 5_000;

/** The Redis hash of the deployment's API processes' loads (one field per process). */
export function apiLoadKey(prefix: string): string {
  return `${prefix}:api-load`;
}

/**
 * API side: every half second, how busy this process's event loop was since the last report
 * (event-loop utilisation, 0 to 1: the share of the time spent running JavaScript rather than
 * waiting), written to Redis where the worker reads it (`WorkerYield`). A report that cannot be
 * written is skipped: the worker then sees no load and does not step aside.
 */
@Injectable()
export class ApiLoadReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ApiLoadReporter.name);
  private readonly field = `${hostname()}:${process.pid}`;
  private redis?: Redis;
  private timer?: NodeJS.Timeout;
  private last?: EventLoopUtilization;

  constructor(
    private readonly env: AjarEnvironment,
    private readonly connections: RedisConnections,
  ) {}

  onApplicationBootstrap(): void {
    this.redis = this.connections.create('producer');
    this.last = performance.eventLoopUtilization();
    this.timer = setInterval(() => void this.report(), API_LOAD_REPORT_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis?.hdel(apiLoadKey(this.env.AJAR_QUEUE_PREFIX), this.field).catch(() => undefined);
  }

  private async report(): Promise<void> {
    const now = performance.eventLoopUtilization();
    const load = performance.eventLoopUtilization(now, this.last).utilization;
    this.last = now;
    const key = apiLoadKey(this.env.AJAR_QUEUE_PREFIX);
    try {
      await this.redis?.multi().hset(key, this.field, `${load.toFixed(3)} ${Date.now()}`).pexpire(key, KEY_TTL_MS).exec();
    } catch (error) {
      this.logger.debug(`API load not reported: ${(error as Error).message}`);
    }
  }
}

/**
 * The busiest API process's load among the reports of the last two seconds (0 if none). The
 * reports carry their writer's clock: the hosts of one deployment are assumed in step (NTP).
 */
export async function busiestApiLoad(redis: Redis, prefix: string, now: number): Promise<number> {
  const reports = await redis.hgetall(apiLoadKey(prefix));
  let busiest = 0;
  for (const value of Object.values(reports)) {
    const [load, at] = value.split(' ').map(Number);
    if (Number.isFinite(load) && Number.isFinite(at) && Math.abs(now - at) <= FRESH_FOR_MS) busiest = Math.max(busiest, load);
  }
  return busiest;
}
