import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import canonicalize from 'canonicalize';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AjarEnvironment } from '@ajar/config';
import type { Actor } from '@ajar/observability';
import { ProblemException } from './problem';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const SECRET_FIELDS = Symbol('ajar.secret-response-fields');

/**
 * Response fields that are shown once and never stored (API keys, secrets). A replay answers with
 * the field replaced by `null` and `secretShownOnce: true`, so the client knows to revoke and
 * re-issue rather than wait for a secret Ajar does not keep.
 */
export const SecretInResponse = (...fields: string[]): MethodDecorator => SetMetadata(SECRET_FIELDS, fields);

interface StoredRecord {
  request_hash: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: unknown;
  expired: boolean;
}

/**
 * `Idempotency-Key` on POST and PATCH: the same key and body return the stored first response;
 * the same key with another body is refused (422); a duplicate arriving while the first is still
 * running is refused (409, retry) so that exactly one resource is created.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, state, created_at, expires_at)
         VALUES ($1, $2, $3, 'in_progress', now(), now() + make_interval(hours => $4))
         ON CONFLICT DO NOTHING RETURNING key`,
        [scope, key, requestHash, this.env.AJAR_IDEMPOTENCY_TTL_HOURS],
      );
      if (inserted.length === 1) return this.runFirst(context, next, scope, key);

      const rows: StoredRecord[] = await this.dataSource.query(
        `SELECT request_hash, state, response_status, response_body, expires_at < now() AS expired
           FROM idempotency_records WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const existing = rows[0];
      if (!existing) continue; // removed between our insert and select: try once more
      if (existing.expired) {
        await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2 AND expires_at < now()`, [scope, key]);
        continue;
      }
      if (existing.request_hash.trim() !== requestHash) {
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
      response.status(existing.response_status ?? 200);
      response.setHeader('Idempotent-Replayed', 'true');
      return existing.response_body;
    }
    throw new ProblemException(409, 'IDEMPOTENCY.IN_PROGRESS', 'Idempotency-Key busy', 'Retry the request.', undefined, { 'Retry-After': '1' });
  }

  private async runFirst(context: ExecutionContext, next: CallHandler, scope: string, key: string): Promise<unknown> {
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // A refused or failed request leaves nothing behind: the key may be used again.
      await this.dataSource.query(`DELETE FROM idempotency_records WHERE scope = $1 AND key = $2`, [scope, key]);
      throw error;
    }
    const status = this.statusOf(context);
    await this.dataSource.query(
      `UPDATE idempotency_records SET state = 'completed', response_status = $3, response_body = $4
        WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(this.storable(context, body) ?? null)],
    );
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

