import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { AjarEnvironment } from '@ajar/config';
import { operatorAccess } from '@ajar/observability';
import { QueueRegistry } from './queue-registry';
import { Queues } from './queues';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Only the operator (AJAR_OPERATOR_TOKEN, as Bearer or as the password of HTTP Basic so a browser
 * can prompt for it) opens the dashboard. This is plain Express middleware, outside Nest's guards,
 * so it checks the credential itself. Without the token set, the dashboard does not exist (404).
 */
export function operatorOnly(env: AjarEnvironment): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const access = operatorAccess(env, request.headers.authorization);
    if (access === 'allowed') return next();
    if (access === 'off') {
      response.status(404).type('text/plain').send('Not Found\n');
      return;
    }
    response.setHeader('WWW-Authenticate', 'Basic realm="ajar-operator", charset="UTF-8"');
    response.status(401).type('text/plain').send('Unauthorized\n');
  };
}

/**
 * The BullMQ queues in a dashboard (bull-board) at /admin/queues on the API, read-only: retrying
 * or removing jobs by hand would go around the database, which owns the work (a reconciler
 * re-creates owed jobs, a consumer decides what a job still owes), so the dashboard only shows.
 */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  private readonly logger = new Logger(QueueDashboard.name);

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly queues: QueueRegistry,
    private readonly env: AjarEnvironment,
  ) {}

  onModuleInit(): void {
    const httpAdapter = this.adapterHost.httpAdapter;
    if (!httpAdapter) return; // an application context without HTTP
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: Object.values(Queues).map((name) => new BullMQAdapter(this.queues.get(name), { readOnlyMode: true })),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Ajar queues' } },
    });
    const app: Express = httpAdapter.getInstance();
    // getRouter() is typed `any` by bull-board; it is an Express router.
    const router = serverAdapter.getRouter() as RequestHandler;
    app.use(QUEUE_DASHBOARD_PATH, operatorOnly(this.env), router);
    if (this.env.AJAR_OPERATOR_TOKEN) this.logger.log(`queue dashboard at ${QUEUE_DASHBOARD_PATH}`);
  }
}

/** Mounts the queue dashboard. API only: the worker has no HTTP app. */
@Module({ providers: [QueueDashboard] })
export class QueueDashboardModule {}
