import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectThrottlerOptions, InjectThrottlerStorage, ThrottlerGuard, ThrottlerModuleOptions, ThrottlerRequest, ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { Response } from 'express';
import { NOT_RATE_LIMITED } from '@ajar/http';
import { appendRateLimitHeaders, RateLimitPolicy, RateLimitPolicyName, rateLimited } from './rate-limit.policies';

/**
 * `@nestjs/throttler`'s guard, answering in Ajar's terms: the IETF `RateLimit` and
 * `RateLimit-Policy` fields on every counted response (instead of the library's X-RateLimit-*),
 * and a 429 problem+json naming the limit. Which policies count a request is decided by the
 * throttlers' `skipIf` (rate-limits.module.ts).
 *
 * Registered after the API-key guard (RateLimitsModule comes after the access modules in the
 * API module), so that the per-key limit knows the key.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override logger = new Logger(RateLimitGuard.name);

  constructor(@InjectThrottlerOptions() options: ThrottlerModuleOptions, @InjectThrottlerStorage() storage: ThrottlerStorage, reflector: Reflector) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return this.reflector.getAllAndOverride<boolean | undefined>(NOT_RATE_LIMITED, [context.getHandler(), context.getClass()]) === true;
  }

  protected override async handleRequest({ context, limit, ttl, throttler, blockDuration, getTracker, generateKey }: ThrottlerRequest): Promise<boolean> {
    const { req, res } = this.getRequestResponse(context);
    const name = throttler.name as RateLimitPolicyName;
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, name);
    let record: ThrottlerStorageRecord;
    try {
      record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    } catch (error) {
      // Redis unreachable: serve the request rather than fail every route (readiness reports Redis).
      this.logger.warn(`rate limit "${name}" not counted: ${error instanceof Error ? error.message : String(error)}`);
      return true;
    }
    const policy: RateLimitPolicy = { name, quota: limit, windowSeconds: Math.round(ttl / 1000), blockSeconds: Math.round(blockDuration / 1000) };
    const response = res as Response;
    if (record.isBlocked) {
      appendRateLimitHeaders(response, policy, 0, record.timeToBlockExpire);
      throw rateLimited(policy, record.timeToBlockExpire);
    }
    appendRateLimitHeaders(response, policy, limit - record.totalHits, record.timeToExpire);
    return true;
  }
}
