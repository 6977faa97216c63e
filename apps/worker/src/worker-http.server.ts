import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AjarEnvironment } from '@ajar/config';
import { Metrics } from '@ajar/observability';

/**
 * The worker's only HTTP: `/metrics` for Prometheus and `/health/live` for a process supervisor,
 * on AJAR_WORKER_METRICS_PORT. A plain Node server, not a Nest HTTP app: the worker serves no API,
 * and this keeps guards, pipes and body parsing out of it.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server?: Server;

  constructor(
    private readonly env: AjarEnvironment,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.env.AJAR_WORKER_METRICS_PORT, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`worker metrics and liveness on port ${this.port()}`);
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
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found\n');
  }
}
