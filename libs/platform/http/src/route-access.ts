import { applyDecorators, SetMetadata } from '@nestjs/common';
import type { Role } from '@ajar/kernel';
import { ApiRouteAccess } from './openapi';

export const ROUTE_ACCESS = 'ajar:route-access';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'bootstrap' }
  | { kind: 'roles'; roles: readonly Role[] };

/** The guard reads the rule; the OpenAPI document takes its security and 401/403 answers from it. */
function routeAccess(access: RouteAccess): ClassDecorator & MethodDecorator {
  return applyDecorators(SetMetadata(ROUTE_ACCESS, access), ApiRouteAccess(access));
}

/** Who may call a route. Every route must declare one of these; a test enforces it. */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator => routeAccess({ kind: 'roles', roles });

/** No credentials needed (health probes). */
export const Public = (): ClassDecorator & MethodDecorator => routeAccess({ kind: 'public' });

/** Needs the platform bootstrap token from AJAR_BOOTSTRAP_TOKEN. */
export const BootstrapTokenOnly = (): ClassDecorator & MethodDecorator => routeAccess({ kind: 'bootstrap' });
