import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AjarEnvironment } from '@ajar/config';
import { metricsAccess } from './operator-access';
import { routeLabel } from './route-label';

/** Seconds: from a health probe's few milliseconds to a large upload's ten seconds. */
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One gauge of a scrape-time source: its name, help, labels, and how it is set from a reading. */
export interface ScrapeGauge<Reading> {
  name: string;
  help: string;
  labelNames?: readonly string[];
  set: (gauge: Gauge<string>, reading: Reading) => void;
}

/**
 * The process's Prometheus registry (prom-client). One per Nest application, not prom-client's
 * global one: the tests run an API and a worker in one Node process, and each must publish its
 * own. Contexts add their gauges here with a `collect()` callback, so a gauge is read from
 * PostgreSQL or Redis when Prometheus scrapes, and costs nothing between scrapes.
 *
 * Labels carry no tenant, person or id: a series per route pattern, queue or state, never per case.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger(Metrics.name);
  private readonly httpSeconds: Histogram<'method' | 'route' | 'status'>;
  private readonly sources = new Map<string, () => Promise<unknown>>();

  constructor(private readonly env: AjarEnvironment) {
    collectDefaultMetrics({ register: this.registry });
    this.httpSeconds = new Histogram({
      name: 'ajar_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern (never the raw path) and status, with their latency',
      labelNames: ['method', 'route', 'status'],
      buckets: HTTP_SECONDS,
      registers: [this.registry],
    });
    // Its own collect waits for every source's reading of this scrape (shared with their gauges),
    // so it reports this scrape, not the one before.
    const sources = this.sources;
    const logger = this.logger;
    new Gauge({
      name: 'ajar_metrics_source_up',
      help: 'Whether this scrape could read a source of gauges (1) or not (0: its gauges are absent)',
      labelNames: ['source'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...sources].map(async ([source, reading]) => {
            try {
              await reading();
              this.set({ source }, 1);
            } catch (error) {
              this.set({ source }, 0);
              logger.warn({ source, err: error instanceof Error ? error.message : String(error) }, 'metrics source unreadable');
            }
          }),
        );
      },
    });
  }

  /**
   * Gauges read together from one source (a query, Redis calls) when Prometheus scrapes. The source
   * is read once per scrape whichever gauge asks first. If it fails, its gauges are left empty and
   * `ajar_metrics_source_up{source}` is 0, so the rest of the scrape still answers.
   */
  addScrapeGauges<Reading>(source: string, read: () => Promise<Reading>, gauges: ScrapeGauge<Reading>[]): void {
    let inFlight: Promise<Reading> | undefined;
    // Every collect of one scrape starts in the same tick (prom-client calls them all, then awaits),
    // so they share one read.
    const reading = (): Promise<Reading> =>
      (inFlight ??= read().finally(() => {
        inFlight = undefined;
      }));
    this.sources.set(source, reading);
    for (const definition of gauges) {
      new Gauge({
        name: definition.name,
        help: definition.help,
        labelNames: definition.labelNames ?? [],
        registers: [this.registry],
        async collect() {
          this.reset();
          // A failed read leaves the gauge empty; ajar_metrics_source_up says why.
          const value = await reading().catch(() => undefined);
          if (value !== undefined) definition.set(this, value);
        },
      });
    }
  }

  /**
   * Express middleware that times each request and records it when the response is sent, with the
   * pattern of the route that answered. Mount it first, so requests refused early count too.
   */
  httpRecorder(): (request: IncomingMessage, response: ServerResponse, next: () => void) => void {
    return (request, response, next) => {
      const stop = this.httpSeconds.startTimer();
      response.once('finish', () => stop({ method: request.method ?? 'OTHER', route: routeLabel(request), status: String(response.statusCode) }));
      next();
    };
  }

  /**
   * Answers a request for `/metrics`: the text exposition if the caller may read it (see
   * `metricsAccess`), 401 with a challenge if not, 404 where the page is off.
   */
  async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const access = metricsAccess(this.env, request.headers.authorization);
    if (access !== 'allowed') {
      response.statusCode = access === 'off' ? 404 : 401;
      if (access === 'unauthenticated') response.setHeader('WWW-Authenticate', 'Bearer realm="ajar-metrics"');
      response.setHeader('Content-Type', 'text/plain; charset=utf-8');
      response.end(access === 'off' ? 'Not Found\n' : 'Unauthorized\n');
      return;
    }
    let body: string;
    try {
      body = await this.registry.metrics();
    } catch (error) {
      this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'metrics could not be rendered');
      response.statusCode = 500;
      response.end();
      return;
    }
    response.statusCode = 200;
    response.setHeader('Content-Type', this.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.end(body);
  }
}
