import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import canonicalize from 'canonicalize';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AjarEnvironment } from '@ajar/config';
import type { Actor } from '@ajar/observability';
import { IdempotencyRecordRepository } from './idempotency-record.repository';
import { ProblemException } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const SECRET_FIELDS = Symbol('ajar.secret-response-fields');

/**
 * Response fields that are shown once and never stored (API keys, secrets). A replay answers with
 * the field replaced by `null` and `secretShownOnce: true`, so the client knows to revoke and
 * re-issue rather than wait for a secret Ajar does not keep.
 */
export const SecretInResponse = (...fields: string[]): MethodDecorator => SetMetadata(SECRET_FIELDS, fields);

/**
 * `Idempotency-Key` on POST and PATCH: the same key and body return the stored first response;
 * the same key with another body is refused (422); a duplicate arriving while the first is still
 * running is refused (409, retry) so that exactly one resource is created.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRecordRepository,
    private readonly reflector: Reflector,
    private readonly env: AjarEnvironment,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    if (request.method !== 'POST' && request.method !== 'PATCH') return next.handle();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw new ProblemException(400, 'IDEMPOTENCY.KEY_INVALID', 'Invalid Idempotency-Key', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', [
        { field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    return from(this.handle(context, next, request, key));
  }

  private async handle(
    context: ExecutionContext,
    next: CallHandler,
    request: Request & { actor?: Actor },
    key: string,
  ): Promise<unknown> {
    const scope = request.actor?.tenantId ?? 'platform';
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]}\n`)
      .update(canonicalize(request.body ?? null) ?? '')
      .digest('hex');
    const response = context.switchToHttp().getResponse<Response>();

    for (let attempt = 0; attempt < 2; attempt += 1) {
      if (await this.records.claim(scope, key, requestHash, this.env.AJAR_IDEMPOTENCY_TTL_HOURS)) return this.runFirst(context, next, scope, key);

      const existing = await this.records.find(scope, key);
      if (!existing) continue; // removed between our insert and select: try once more
      if (existing.expired) {
        await this.records.deleteIfExpired(scope, key);
        continue;
      }
      if (existing.requestHash !== requestHash) {
        throw new ProblemException(
          422,
          'IDEMPOTENCY.KEY_REUSED',
          'Idempotency-Key reused with a different request',
          'This Idempotency-Key was already used for a request with another method, path or body. Use a new key for a new request.',
          [{ field: 'Idempotency-Key', reason: 'already used for a different request' }],
        );
      }
      if (existing.state === 'in_progress') {
        throw new ProblemException(
          409,
          'IDEMPOTENCY.IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed',
          'The first request with this Idempotency-Key has not finished yet. Retry shortly to receive its response.',
          undefined,
          { 'Retry-After': '1' },
        );
      }
      response.status(existing.responseStatus ?? 200);
      response.setHeader('Idempotent-Replayed', 'true');
      return existing.responseBody;
    }
    throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'Idempotency-Key busy', 'Retry the request.', undefined, { 'Retry-After': '1' });
  }

  private async runFirst(context: ExecutionContext, next: CallHandler, scope: string, key: string): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // A refused or failed request leaves nothing behind: the key may be used again.
      await this.records.release(scope, key);
      throw error;
    }
    const status = this.statusOf(context);
    await this.records.complete(scope, key, status, this.storable(context, body));
    return body;
  }

  private statusOf(context: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return declared ?? (context.switchToHttp().getRequest<Request>().method === 'POST' ? 201 : 200);
  }

  private storable(context: ExecutionContext, body: unknown): unknown {
    const secrets = this.reflector.get<string[] | undefined>(SECRET_FIELDS, context.getHandler());
    if (!secrets || typeof body !== 'object' || body === null) return body;
    const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
    for (const field of secrets) copy[field] = null;
    copy.secretShownOnce = true;
    return copy;
  }
}

