import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { AjarEnvironment } from '@ajar/config';
import { ProblemException, ROUTE_ACCESS, RouteAccess } from '@ajar/http';
import { redactUrl, type AjarContextStore } from '@ajar/observability';
import { hashApiKey } from '../domain/api-key-secret';
import { ApiKeyRepository } from '../infrastructure/api-key.repository';
import type { AuthenticatedRequest, TenantActor } from './current-actor.decorator';

const UNAUTHENTICATED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="ajar"' };

function bearerToken(request: AuthenticatedRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function sameSecret(given: string, expected: string): boolean {
  // Compare digests so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Authenticates every request by API key (or the bootstrap token where a route says so) and
 * checks the route's declared roles. A route that declares nothing is refused.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(ApiKeyGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyRepository,
    private readonly env: AjarEnvironment,
    private readonly cls: ClsService<AjarContextStore>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!access) {
      this.logger.error(`route ${request.method} ${request.route?.path ?? redactUrl(request.url)} declares no access; refused`);
      throw new ProblemException(403, 'AUTH.ROUTE_UNDECLARED', 'Forbidden', 'This route is not open to any role.');
    }
    if (access.kind === 'public') return true;

    const token = bearerToken(request);
    if (!token) {
      throw new ProblemException(401, 'AUTH.UNAUTHENTICATED', 'Authentication required', 'Send Authorization: Bearer <API key>.', undefined, UNAUTHENTICATED_HEADERS);
    }

    if (access.kind === 'bootstrap') {
      const expected = this.env.AJAR_BOOTSTRAP_TOKEN;
      if (!expected) {
        throw new ProblemException(403, 'AUTH.BOOTSTRAP_DISABLED', 'Bootstrap disabled', 'AJAR_BOOTSTRAP_TOKEN is not set on this deployment, so tenants cannot be created over the API.');
      }
      if (!sameSecret(token, expected)) {
        throw new ProblemException(401, 'AUTH.INVALID_CREDENTIALS', 'Invalid credentials', 'The bootstrap token is not valid.', undefined, UNAUTHENTICATED_HEADERS);
      }
      request.actor = { kind: 'bootstrap', id: 'bootstrap' };
      this.cls.set('actor', request.actor);
      return true;
    }

    // One indexed read per request (the unique index on key_hash): a revoked key fails at once.
    const key = await this.apiKeys.findActiveByHash(hashApiKey(token));
    if (!key) {
      throw new ProblemException(401, 'AUTH.INVALID_CREDENTIALS', 'Invalid credentials', 'The API key is not valid or has been revoked.', undefined, UNAUTHENTICATED_HEADERS);
    }
    const actor: TenantActor = { kind: 'api_key', id: key.id, tenantId: key.tenantId, roles: key.roles };
    request.actor = actor;
    this.cls.set('actor', actor);
    if (!access.roles.some((role) => key.roles.includes(role))) {
      throw new ProblemException(
        403,
        'AUTH.ROLE_REQUIRED',
        'Forbidden',
        `This operation needs one of the roles: ${access.roles.join(', ')}. The key has: ${key.roles.join(', ')}.`,
      );
    }
    return true;
  }
}
