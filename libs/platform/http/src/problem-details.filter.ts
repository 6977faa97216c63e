import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ClsServiceManager } from 'nestjs-cls';
import { DomainError, DomainErrorKind } from '@ajar/kernel';
import { redactUrl } from '@ajar/observability';
import { Dependency, dependencyOutageOf } from './dependency-outage';
import { FieldProblem, PROBLEM_CONTENT_TYPE, ProblemDocument, ProblemException, problemType } from './problem';

export const RESERVED_KEY_MARKER = 'ajar-reserved-key';

/** Seconds a client is asked to wait after a 503: long enough for a pool to reconnect, short enough to matter. */
export const RETRY_AFTER_SECONDS = 5;

const DEPENDENCY_NAME: Record<Dependency, string> = { postgresql: 'PostgreSQL', redis: 'Redis' };

const KIND_STATUS: Record<DomainErrorKind, number> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  unprocessable: 422,
  forbidden: 403,
};

const KIND_TITLE: Record<DomainErrorKind, string> = {
  not_found: 'Not found',
  conflict: 'Conflict with the current state',
  invalid: 'Invalid request',
  unprocessable: 'Request cannot be processed',
  forbidden: 'Forbidden',
};

const STATUS_CODE: Record<number, string> = {
  400: 'REQUEST.BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'RESOURCE.NOT_FOUND',
  405: 'REQUEST.METHOD_NOT_ALLOWED',
  409: 'RESOURCE.CONFLICT',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  422: 'REQUEST.UNPROCESSABLE',
  429: 'REQUEST.RATE_LIMITED',
};

/** Maps any error to RFC 9457 problem+json. Stack traces and internals never reach a client. */
export function toProblem(exception: unknown, instance: string | undefined): { problem: ProblemDocument; headers: Record<string, string> } {
  const correlationId = ClsServiceManager.getClsService().getId();
  const base = { instance, ...(correlationId ? { correlationId } : {}) };
  if (exception instanceof ProblemException) {
    return {
      problem: {
        type: problemType(exception.code),
        title: exception.title,
        status: exception.status,
        detail: exception.detail,
        code: exception.code,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...exception.extensions,
        ...base,
      },
      headers: exception.headers ?? {},
    };
  }
  if (exception instanceof DomainError) {
    const status = KIND_STATUS[exception.kind];
    // Field problems found by domain rules sit where validation puts them: top-level `errors`.
    const { errors, ...details } = exception.details ?? {};
    return {
      problem: {
        type: problemType(exception.code),
        title: KIND_TITLE[exception.kind],
        status,
        detail: exception.message,
        code: exception.code,
        ...(Array.isArray(errors) ? { errors: errors as FieldProblem[] } : {}),
        ...(Object.keys(details).length > 0 ? { details } : {}),
        ...base,
      },
      headers: {},
    };
  }
  const outage = dependencyOutageOf(exception);
  if (outage) {
    return {
      problem: {
        type: problemType('SERVICE.UNAVAILABLE'),
        title: 'Service unavailable',
        status: 503,
        detail: `${DEPENDENCY_NAME[outage.dependency]} cannot be reached just now. Retry after ${RETRY_AFTER_SECONDS} seconds; retry a command with the same Idempotency-Key.`,
        code: 'SERVICE.UNAVAILABLE',
        dependency: outage.dependency,
        ...base,
      },
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    };
  }
  const httpStatus = httpStatusOf(exception);
  if (httpStatus === 503) {
    return {
      problem: {
        type: problemType('SERVICE.UNAVAILABLE'),
        title: 'Service unavailable',
        status: 503,
        detail: httpDetail(exception),
        code: 'SERVICE.UNAVAILABLE',
        ...base,
      },
      headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    };
  }
  if (httpStatus !== undefined && httpStatus < 500) {
    const code = STATUS_CODE[httpStatus] ?? `HTTP.${httpStatus}`;
    return {
      problem: {
        type: problemType(code),
        title: HttpStatus[httpStatus]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        status: httpStatus,
        detail: httpDetail(exception),
        code,
        ...base,
      },
      headers: {},
    };
  }
  return {
    problem: {
      type: problemType('INTERNAL'),
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. The request may be retried; quote the correlation id when reporting it.',
      code: 'INTERNAL',
      ...base,
    },
    headers: {},
  };
}

function httpStatusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  // body-parser and other express middleware errors carry `status`/`statusCode`.
  const candidate = exception as { status?: unknown; statusCode?: unknown; expose?: unknown } | null;
  const status = candidate?.status ?? candidate?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function httpDetail(exception: unknown): string {
  const type = (exception as { type?: unknown }).type;
  if (type === 'entity.too.large') return 'The request body is larger than the 1 MB limit.';
  if (type === 'entity.parse.failed') {
    const message = exception instanceof Error ? exception.message : '';
    return message.includes(RESERVED_KEY_MARKER)
      ? `The request body uses a reserved key (__proto__, constructor or prototype), which is refused.`
      : 'The request body is not valid JSON.';
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return 'The request body encoding is not supported.';
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (typeof response === 'string') return response;
    const message = (response as { message?: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return exception instanceof Error ? exception.message : 'The request was refused.';
}

export function sendProblem(response: Response, exception: unknown, instance: string | undefined): void {
  const { problem, headers } = toProblem(exception, instance);
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem } = toProblem(exception, request.originalUrl);
    const error = exception instanceof Error ? exception : new Error(String(exception));
    const code = (exception as { code?: unknown } | null)?.code;
    if (problem.status === 503) {
      // Expected during an outage, once per refused request: a warning naming the dependency, no stack.
      this.logger.warn(
        { dependency: problem.dependency, err: { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined }, url: redactUrl(request.originalUrl) },
        'dependency unavailable; answered 503',
      );
    } else if (problem.status >= 500) {
      // Name, message and stack only: a driver error also carries the query's parameters (personal data).
      // The stack is one JSON string field, so the event stays one log line.
      this.logger.error(
        { err: { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined, stack: error.stack }, url: redactUrl(request.originalUrl) },
        'unhandled error',
      );
    }
    if (response.headersSent) return;
    sendProblem(response, exception, request.originalUrl);
  }
}
