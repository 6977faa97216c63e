import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import canonicalize from 'canonicalize';
import type { Request, Response } from 'express';
import { ClsService } from 'nestjs-cls';
import { createHash, randomUUID } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AjarEnvironment } from '@ajar/config';
import type { Actor, AjarContextStore, IdempotentRequest } from '@ajar/observability';
import { IdempotencyLease, idempotencyInProgress, IdempotencyRecordRepository, storableAnswer } from './idempotency-record.repository';
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
 * the same key with another body is refused (422). The first request holds a short lease on the
 * key (AJAR_IDEMPOTENCY_LEASE_SECONDS, renewed while it runs): a duplicate arriving meanwhile is
 * refused (409 with Retry-After), so exactly one resource is created; a retry after the lease ran
 * out (the first request's process died) takes the key over and runs the request.
 *
 * The case commands store their answer in their own transaction (`storeIdempotentAnswer`, called
 * by the cases' repository before COMMIT), so a crash between commit and response leaves the
 * answer for the retry. Other routes store it here, after the handler: a crash in that window
 * leaves a lease that runs out, and the retry runs the request again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);

  constructor(
    private readonly records: IdempotencyRecordRepository,
    private readonly reflector: Reflector,
    private readonly env: AjarEnvironment,
    private readonly cls: ClsService<AjarContextStore>,
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
    const lease: IdempotencyLease = { scope: request.actor?.tenantId ?? 'platform', key, leaseToken: randomUUID() };
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl.split('?')[0]}\n`)
      .update(canonicalize(request.body ?? null) ?? '')
      .digest('hex');
    const response = context.switchToHttp().getResponse<Response>();
    const leaseSeconds = this.env.AJAR_IDEMPOTENCY_LEASE_SECONDS;

    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await this.records.claim(lease, requestHash, leaseSeconds, this.env.AJAR_IDEMPOTENCY_TTL_HOURS)) return this.runFirst(context, next, lease);

      const existing = await this.records.find(lease.scope, key);
      if (!existing) continue; // removed between our insert and select: try again
      if (existing.expired) {
        await this.records.deleteIfExpired(lease.scope, key);
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
        if (existing.leaseSecondsLeft > 0) throw idempotencyInProgress(existing.leaseSecondsLeft);
        // The first request's lease ran out: its process died (or lost PostgreSQL) before storing an answer.
        if (await this.records.takeOver(lease, requestHash, leaseSeconds)) return this.runFirst(context, next, lease);
        continue; // another retry took it over, or the record changed: look again
      }
      response.status(existing.responseStatus ?? 200);
      response.setHeader('Idempotent-Replayed', 'true');
      return existing.responseBody;
    }
    throw idempotencyInProgress(0);
  }

  /** Runs the request under the lease, renewing it until the request ends. */
  private async runFirst(context: ExecutionContext, next: CallHandler, lease: IdempotencyLease): Promise<unknown> {
    const leaseSeconds = this.env.AJAR_IDEMPOTENCY_LEASE_SECONDS;
    const idempotent: IdempotentRequest = { ...lease, responseStatus: this.statusOf(context), secretFields: this.secretFieldsOf(context), answerStored: false };
    this.cls.set('idempotency', idempotent);
    // Renewed at a third of the lease, so two renewals may fail (a slow database) before it runs out.
    const renewal = setInterval(() => {
      this.records.renew(lease, leaseSeconds).catch((error: unknown) => this.logger.warn({ err: error, key: lease.key }, 'Idempotency-Key lease not renewed'));
    }, (leaseSeconds * 1000) / 3);
    renewal.unref();
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      // A refused or failed request leaves nothing behind: the key may be used again. Should the
      // release itself fail, the lease runs out in seconds; the request's own error is the answer.
      await this.records.release(lease).catch((releaseError: unknown) => this.logger.warn({ err: releaseError, key: lease.key }, 'Idempotency-Key not released'));
      throw error;
    } finally {
      clearInterval(renewal);
      this.cls.set('idempotency', undefined);
    }
    if (this.env.AJAR_TEST_EXIT_AFTER_COMMIT === 'true') process.exit(70); // a crash between commit and response (test hook)
    if (!idempotent.answerStored && !(await this.records.complete(lease, idempotent.responseStatus, storableAnswer(body, idempotent.secretFields)))) {
      this.logger.warn({ key: lease.key }, 'Idempotency-Key lease lost before the answer was stored');
    }
    return body;
  }

  private statusOf(context: ExecutionContext): number {
    const declared = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return declared ?? (context.switchToHttp().getRequest<Request>().method === 'POST' ? 201 : 200);
  }

  private secretFieldsOf(context: ExecutionContext): readonly string[] {
    return this.reflector.get<string[] | undefined>(SECRET_FIELDS, context.getHandler()) ?? [];
  }
}
