import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AjarEnvironment } from '@ajar/config';
import { Readiness } from './readiness';
import { RedisHealthIndicator } from './redis.health';

/**
 * The worker's probes on `AJAR_WORKER_HEALTH_PORT` (the worker serves no other HTTP): `/health/live`
 * is the process; `/health/ready` needs both PostgreSQL (the outbox, every job's data) and Redis
 * (the queues), 503 when either is down. Bodies in the API's readiness shape.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private readonly readiness: Readiness;
  private server?: Server;

  constructor(
    private readonly env: AjarEnvironment,
    database: TypeOrmHealthIndicator,
    redis: RedisHealthIndicator,
  ) {
    this.readiness = new Readiness(
      [
        { name: 'postgres', required: true, probe: () => database.pingCheck('postgres', { timeout: 1000 }) },
        { name: 'redis', required: true, probe: () => redis.isHealthy('redis') },
      ],
      this.logger,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.AJAR_WORKER_HEALTH_PORT === undefined) return;
    const server = createServer((request, response) => void this.answer(request, response));
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.env.AJAR_WORKER_HEALTH_PORT, () => resolve()));
    this.server = server;
    this.logger.log(`health probes on port ${this.port()}`);
  }

  /** The port listened on (the configured one, or the one the OS chose for 0); undefined when off. */
  port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address !== null ? address.port : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || (path !== '/health/live' && path !== '/health/ready')) {
      send(response, 404, { status: 404, title: 'Not found', detail: 'Only GET /health/live and /health/ready are served here.' }, 'application/problem+json');
      return;
    }
    if (path === '/health/live') {
      send(response, 200, { status: 'ok', info: {}, error: {}, details: {} });
      return;
    }
    const { httpStatus, report } = await this.readiness.check();
    send(response, httpStatus, report);
  }
}

function send(response: ServerResponse, status: number, body: object, type = 'application/json'): void {
  response.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}
