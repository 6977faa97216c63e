import { SetMetadata } from '@nestjs/common';
import type { Role } from '@ajar/kernel';

export const ROUTE_ACCESS = 'ajar:route-access';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'bootstrap' }
  | { kind: 'roles'; roles: readonly Role[] };

/** Who may call a route. Every route must declare one of these; a test enforces it. */
export const Roles = (...roles: Role[]): ClassDecorator & MethodDecorator =>
  SetMetadata(ROUTE_ACCESS, { kind: 'roles', roles } satisfies RouteAccess);

/** No credentials needed (health probes). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);

/** Needs the platform bootstrap token from AJAR_BOOTSTRAP_TOKEN. */
export const BootstrapTokenOnly = (): ClassDecorator & MethodDecorator =>
  SetMetadata(ROUTE_ACCESS, { kind: 'bootstrap' } satisfies RouteAccess);
