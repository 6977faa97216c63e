import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@ajar/observability';

export interface TenantActor extends Actor {
  kind: 'api_key';
  tenantId: string;
  roles: string[];
}

export type AuthenticatedRequest = Request & { actor?: Actor };

/** The authenticated caller, set by `ApiKeyGuard`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
});

/** The API-key caller of a `@Roles` route; such routes always have one. */
export const TenantCaller = createParamDecorator((_data: unknown, context: ExecutionContext): TenantActor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (actor?.kind !== 'api_key' || !actor.tenantId) throw new Error('TenantCaller used on a route without @Roles');
  return actor as TenantActor;
});
