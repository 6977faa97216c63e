import { ExecutionContext, Logger, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import type { Request } from 'express';
import { AjarEnvironment } from '@ajar/config';
import { COSTLY_ROUTE, CostlyRouteOptions, ROUTE_ACCESS, RouteAccess } from '@ajar/http';
import type { Actor } from '@ajar/observability';
import { clientAddress } from './client-address';
import { FailedAuthenticationLimit } from './failed-authentication.limit';
import { RateLimitGuard } from './rate-limit.guard';
import { rateLimitPolicies } from './rate-limit.policies';
import { RateLimitStorage } from './rate-limit.storage';

function createStorage(env: AjarEnvironment): RateLimitStorage {
  const storage = new RateLimitStorage(env.REDIS_URL, {
    keyPrefix: `${env.AJAR_QUEUE_PREFIX}:rate-limit:`,
    // Fail fast when Redis is away: the limits then let requests through (RateLimitGuard).
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
  });
  const logger = new Logger('RateLimitStorage');
  storage.redis.on('error', (error: Error) => logger.warn(`redis (rate limits): ${error.message}`));
  return storage;
}

/** The Redis connection of the limits, closed by the library's onModuleDestroy. */
@Module({
  providers: [{ provide: RateLimitStorage, useFactory: createStorage, inject: [AjarEnvironment] }],
  exports: [RateLimitStorage],
})
class RateLimitStorageModule {}

function routeAccess(reflector: Reflector, context: ExecutionContext): RouteAccess['kind'] | undefined {
  return reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()])?.kind;
}

/** The caller of a route with roles: its tenant and key (or, later, session). */
function callerOf(request: { actor?: Actor }): string {
  const actor = request.actor;
  // Only if the guards ran out of order: the per-key limit would otherwise count nothing.
  if (!actor?.tenantId) throw new Error('the per-key rate limit ran before authentication: import RateLimitsModule after the access modules');
  return `${actor.tenantId}:${actor.kind}:${actor.id}`;
}

function throttlerOptions(env: AjarEnvironment, storage: RateLimitStorage, reflector: Reflector): ThrottlerModuleOptions {
  const policies = rateLimitPolicies(env);
  const ttl = env.AJAR_RATE_LIMIT_WINDOW_SECONDS * 1000;
  return {
    storage,
    // One counter per caller and policy across all routes (the library's default is per route).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    throttlers: [
      {
        name: 'key',
        limit: policies.key.quota,
        ttl,
        skipIf: (context) => routeAccess(reflector, context) !== 'roles',
        getTracker: (request) => callerOf(request),
      },
      {
        name: 'costly',
        limit: policies.costly.quota,
        ttl,
        skipIf: (context) => {
          const costly = reflector.get<CostlyRouteOptions | undefined>(COSTLY_ROUTE, context.getHandler());
          return !costly || (costly.when !== undefined && !costly.when(context.switchToHttp().getRequest<Request>()));
        },
        getTracker: (request) => callerOf(request),
      },
      {
        name: 'ip',
        limit: policies.ip.quota,
        ttl,
        // Tenant bootstrap and signed inbound: no API key to count by.
        skipIf: (context) => routeAccess(reflector, context) === 'roles',
        getTracker: (request) => clientAddress(request as Request),
      },
    ],
  };
}

/**
 * Rate limits shared by all API replicas through Redis (README, "Rate limits"): per API key, per
 * key on costly routes, per client address without a key, and failed authentications per address.
 * Import it in the API module after the access modules: its guard must run after the API-key guard.
 */
@Module({
  imports: [
    RateLimitStorageModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [AjarEnvironment, RateLimitStorage, Reflector],
      useFactory: throttlerOptions,
    }),
  ],
  providers: [FailedAuthenticationLimit, { provide: APP_GUARD, useClass: RateLimitGuard }],
})
export class RateLimitsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(FailedAuthenticationLimit).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
