import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AjarEnvironment, trustProxySetting } from '@ajar/config';
import { Metrics } from '@ajar/observability';
import { assertStorableJson, unstorable } from './json-guard';
import { buildOpenApiDocument } from './openapi';
import { OpenApiDocumentHolder } from './openapi-document.controller';
import { FieldProblem, ProblemException } from './problem';
import { RESERVED_KEY_MARKER, sendProblem } from './problem-details.filter';

const JSON_TYPE = /^application\/([a-z0-9.+-]+\+)?json\s*(;|$)/i;
/** Routes that stream a non-JSON body themselves (reference-list uploads: JSON lines or CSV). */
const STREAMED_UPLOAD = /^\/v1\/reference-lists\/[^/]+\/versions\/?(\?.*)?$/;

/** A body that is not JSON is refused with 415 rather than validated as if it were empty. */
function refuseNonJsonBodies(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  const type = request.headers['content-type'] ?? '';
  if (hasBody && !JSON_TYPE.test(type) && !(request.method === 'POST' && STREAMED_UPLOAD.test(request.originalUrl))) {
    sendProblem(
      response,
      new ProblemException(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send the request body as application/json.', [
        { field: 'Content-Type', reason: 'must be application/json' },
      ]),
      request.originalUrl,
    );
    return;
  }
  next();
}

/** The API answers with personal data (people's names, affiliations): no cache may keep any of it. */
function noStoreForApi(request: Request, response: Response, next: NextFunction): void {
  if (request.path.startsWith('/v1/') || request.path === '/v1') response.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Query parameters and path segments PostgreSQL could not store or compare (NUL, lone surrogates)
 * are refused with 400 naming the parameter, before any route reads them.
 */
function refuseUnstorableUrls(request: Request, response: Response, next: NextFunction): void {
  const problems: FieldProblem[] = [];
  const queryAt = request.originalUrl.indexOf('?');
  const path = queryAt < 0 ? request.originalUrl : request.originalUrl.slice(0, queryAt);
  if (path.includes('%')) {
    for (const segment of path.split('/')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        continue; // not decodable: the router does not match it either
      }
      const reason = unstorable(decoded);
      if (reason) problems.push({ field: 'path', reason: `a path segment ${reason}` });
    }
  }
  if (queryAt >= 0) {
    for (const [name, value] of Object.entries(request.query as Record<string, unknown>)) {
      const values: unknown[] = Array.isArray(value) ? value : [value];
      const bad = unstorable(name) ?? values.map((one) => (typeof one === 'string' ? unstorable(one) : undefined)).find((reason) => reason !== undefined);
      if (bad) problems.push({ field: unstorable(name) ? 'query' : name, reason: bad });
    }
  }
  if (problems.length === 0) return next();
  sendProblem(
    response,
    new ProblemException(400, 'REQUEST.BAD_REQUEST', 'Invalid request', 'The request URL holds characters that cannot be stored.', problems.slice(0, 10)),
    request.originalUrl,
  );
}

export const BODY_LIMIT = '1mb';
/** Routes whose raw body is kept for signature verification. */
const SIGNED_INBOUND = /^\/v1\/inbound\//;

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** What a body holding a reserved key must contain: the key itself, or a \u escape that could spell it. */
const RESERVED_KEY_HINTS = ['__proto__', 'constructor', 'prototype', '\\u'];

function refuseReservedKeys(key: string, value: unknown): unknown {
  if (RESERVED_KEYS.has(key)) throw new SyntaxError(`${RESERVED_KEY_MARKER}: ${key}`);
  return value;
}

/**
 * Prototype keys would be silently dropped later; they are refused outright (400). A JSON reviver
 * over every key made parsing about twice as slow, so only a body that could hold one is parsed again
 * with it; the others, nearly all, are parsed once, without.
 */
function refuseBodiesWithReservedKeys(buffer: Buffer, text: string): void {
  if (!RESERVED_KEY_HINTS.some((hint) => buffer.includes(hint))) return;
  try {
    JSON.parse(text, refuseReservedKeys);
  } catch (error) {
    // Not JSON at all: the parser that follows says so.
    if (!(error instanceof SyntaxError) || !error.message.includes(RESERVED_KEY_MARKER)) return;
    throw Object.assign(error, { status: 400, type: 'entity.parse.failed' });
  }
}

/**
 * Everything about the HTTP app that is not a module: body parsing with its limit, security
 * headers, the OpenAPI document (as AJAR_API_DOCS says). Used by main.ts and by the tests, so both serve the same app. The app must
 * be created with `bodyParser: false`.
 */
export function configureApp(app: INestApplication): void {
  // Which proxies may name the client in X-Forwarded-For: request.ip, which the per-IP rate limits count by.
  const expressApp: express.Express = app.getHttpAdapter().getInstance();
  expressApp.set('trust proxy', trustProxySetting(app.get(AjarEnvironment).AJAR_TRUST_PROXY));
  // First, so requests refused by the middleware below are timed and counted too.
  const metrics = app.get(Metrics);
  app.use(metrics.httpRecorder());
  app.use(helmet({ contentSecurityPolicy: false }));
  // Prometheus's scrape, with its own token check (metricsAccess): outside Nest's guards and limits.
  expressApp.get('/metrics', (request: Request, response: Response, next: NextFunction) => {
    metrics.serve(request, response).catch(next);
  });
  app.use(noStoreForApi);
  app.use(refuseUnstorableUrls);
  app.use(refuseNonJsonBodies);
  app.use(
    express.json({
      limit: BODY_LIMIT,
      type: ['application/json', 'application/*+json'],
      strict: true,
      verify: (request: Request & { rawBody?: Buffer }, _response, buffer: Buffer, encoding: string) => {
        // Signed inbound webhooks are verified over the exact bytes received.
        if (SIGNED_INBOUND.test(request.originalUrl)) request.rawBody = buffer;
        const text = buffer.toString(encoding as BufferEncoding);
        // Depth, duplicate keys and unstorable strings, in one linear pass before JSON.parse recurses.
        assertStorableJson(text);
        refuseBodiesWithReservedKeys(buffer, text);
      },
    }),
  );
  // Errors of the body parser (too large, not JSON) never reach Nest's filters: answer them here.
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) return next(error);
    sendProblem(response, error, request.originalUrl);
  });
  app.enableShutdownHooks();

  serveApiDocs(app);
}

const DOCS_PATHS = /^\/docs(-json|-yaml)?(\/|$)/;

/**
 * The OpenAPI document and its UI, as AJAR_API_DOCS says: `public` at /docs and /docs-json,
 * `admin` at /docs-json for admin keys only (through the guard), `off` nowhere (404).
 */
function serveApiDocs(app: INestApplication): void {
  const mode = app.get(AjarEnvironment).AJAR_API_DOCS;
  if (mode === 'public' || mode === 'admin') {
    const document = buildOpenApiDocument(app);
    if (mode === 'public') SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });
    else app.get(OpenApiDocumentHolder).document = document;
    return;
  }
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (!DOCS_PATHS.test(request.path)) return next();
    sendProblem(response, new ProblemException(404, 'RESOURCE.NOT_FOUND', 'Not found', 'The API description is not served here.'), request.originalUrl);
  });
}
