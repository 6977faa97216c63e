import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AjarEnvironment } from '@ajar/config';
import { sendProblem } from '@ajar/http';
import { clientAddress } from './client-address';
import { appendRateLimitHeaders, RateLimitPolicy, rateLimitPolicies, rateLimited } from './rate-limit.policies';
import { RateLimitStorage } from './rate-limit.storage';

/**
 * Stops key guessing: every 401 answer (bad or missing API key, bad bootstrap token, bad inbound
 * signature) counts against the client address; an address with AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP
 * of them in a window is refused (429) on every /v1 route for AJAR_RATE_LIMIT_FAILED_AUTH_BLOCK_SECONDS,
 * before its credentials are looked at, so a right guess is not even tried. A middleware, because
 * it runs before every guard and sees the status of answers no guard gives (inbound signatures).
 */
@Injectable()
export class FailedAuthenticationLimit implements NestMiddleware {
  private readonly logger = new Logger(FailedAuthenticationLimit.name);
  private readonly policy: RateLimitPolicy;

  constructor(
    private readonly storage: RateLimitStorage,
    env: AjarEnvironment,
  ) {
    this.policy = rateLimitPolicies(env)['failed-auth'];
  }

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    if (!request.originalUrl.startsWith('/v1/')) return next();
    const key = `${this.policy.name}:${clientAddress(request)}`;
    let blockedSeconds = 0;
    try {
      blockedSeconds = await this.storage.secondsBlocked(key, this.policy.name);
    } catch (error) {
      this.logger.warn(`failed-authentication limit not checked: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (blockedSeconds > 0) {
      appendRateLimitHeaders(response, this.policy, 0, blockedSeconds);
      sendProblem(response, rateLimited(this.policy, blockedSeconds), request.originalUrl);
      return;
    }
    response.on('finish', () => {
      if (response.statusCode === 401) void this.countFailure(key);
    });
    next();
  }

  private async countFailure(key: string): Promise<void> {
    try {
      // The library blocks once the count exceeds the limit it is given: quota - 1 blocks at the
      // quota-th failure, so an address gets exactly `quota` wrong guesses per window.
      await this.storage.increment(key, this.policy.windowSeconds * 1000, this.policy.quota - 1, this.policy.blockSeconds * 1000, this.policy.name);
    } catch (error) {
      this.logger.warn(`failed authentication not counted: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
