import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AjarEnvironment } from '@ajar/config';
import { WorkerProbes } from '@ajar/health';
import { Metrics } from '@ajar/observability';

/**
 * The worker's only HTTP, on AJAR_WORKER_HTTP_PORT: `/metrics` for Prometheus, `/health/live` for
 * a process supervisor and `/health/ready` (PostgreSQL and Redis) for an orchestrator. A plain Node server, not a Nest HTTP app: the worker serves no API,
 * and this keeps guards, pipes and body parsing out of it.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server?: Server;

  constructor(
    private readonly env: AjarEnvironment,
    private readonly metrics: Metrics,
    private readonly probes: WorkerProbes,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.env.AJAR_WORKER_HTTP_PORT, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`worker metrics and health probes on port ${this.port()}`);
  }

  /** The port listened on (the configured one, or the one picked for 0). */
  port(): number {
    return (this.server?.address() as AddressInfo | null)?.port ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      this.metrics.serve(request, response).catch((error: unknown) => {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'metrics request failed');
        if (!response.headersSent) response.statusCode = 500;
        response.end();
      });
      return;
    }
    if (request.method === 'GET' && path === '/health/live') {
      sendJson(response, 200, this.probes.live());
      return;
    }
    if (request.method === 'GET' && path === '/health/ready') {
      this.probes.ready().then(
        ({ httpStatus, report }) => sendJson(response, httpStatus, report),
        () => sendJson(response, 503, { status: 'error' }),
      );
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found\n');
  }
}

function sendJson(response: ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}
