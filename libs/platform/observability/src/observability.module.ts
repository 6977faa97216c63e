import { DynamicModule, Module } from '@nestjs/common';
import { ClsModule, ClsServiceManager } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options as PinoHttpOptions } from 'pino-http';
import { AjarEnvironment } from '@ajar/config';
import { Metrics } from './metrics/metrics';
import { redactUrl } from './redact-url';
import { CORRELATION_HEADER } from './request-context';

const CORRELATION = Symbol('ajar.correlationId');
type CorrelatedRequest = IncomingMessage & { [CORRELATION]?: string };

/**
 * The request's correlation id, decided once and remembered on the request so the logger and the
 * context middleware (whichever runs first) agree. A client may pass its own id; anything odd is
 * replaced, never trusted blindly.
 */
export function correlationIdFrom(request: IncomingMessage): string {
  const remembered = (request as CorrelatedRequest)[CORRELATION];
  if (remembered) return remembered;
  const given = request.headers[CORRELATION_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  const id = value && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
  (request as CorrelatedRequest)[CORRELATION] = id;
  return id;
}

/** Paths pino must never print: credentials and tokens. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.apiKey',
  '*.secret',
  '*.token',
];

/** The request logger's options: named, levelled, credentials redacted, one short line per request. */
export function httpLoggerOptions(name: string, level: string): PinoHttpOptions {
  return {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Every line, HTTP or job, carries the correlation id of the request or job in scope.
    mixin: () => {
      const cls = ClsServiceManager.getClsService();
      const correlationId = cls.isActive() ? (cls.get('correlationId') ?? cls.getId()) : undefined;
      return correlationId ? { correlationId } : {};
    },
    genReqId: (req: IncomingMessage) => correlationIdFrom(req),
    autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/health') },
    serializers: {
      // The query string may carry a credential (`?api_key=`, `?token=`): its value is never printed.
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
    },
  };
}

/**
 * Structured logs (nestjs-pino), the request context (nestjs-cls) and the Prometheus metrics. The HTTP middleware is
 * mounted only when `http` is true; the worker opens a context per job instead.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: { http: boolean; name: string }): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      // Each application its own registry: see Metrics.
      providers: [Metrics],
      exports: [Metrics],
      imports: [
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: options.http,
            generateId: true,
            // No proxy providers or plugins are used: resolving them cost a dynamic require per request.
            resolveProxyProviders: false,
            initializePlugins: false,
            idGenerator: (req: IncomingMessage) => correlationIdFrom(req),
            setup: (cls, _req: IncomingMessage, res: ServerResponse) => {
              const id = cls.getId();
              cls.set('correlationId', id);
              res.setHeader(CORRELATION_HEADER, id);
            },
          },
        }),
        LoggerModule.forRootAsync({
          inject: [AjarEnvironment],
          useFactory: (env: AjarEnvironment) => ({ pinoHttp: httpLoggerOptions(options.name, env.LOG_LEVEL) }),
        }),
      ],
    };
  }
}
