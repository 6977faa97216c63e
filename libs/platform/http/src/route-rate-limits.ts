import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const COSTLY_ROUTE = 'ajar:costly-route';
export const NOT_RATE_LIMITED = 'ajar:not-rate-limited';

/** When a costly route's request is costly; absent: every request to it. */
export interface CostlyRouteOptions {
  when?: (request: Request) => boolean;
}

/**
 * A route whose requests cost far more than an ordinary one (a list upload, a whole-register
 * export): besides the per-key limit, it counts against the stricter costly-route limit.
 */
export const CostlyRoute = (options: CostlyRouteOptions = {}): MethodDecorator => SetMetadata(COSTLY_ROUTE, options);

/** Never rate limited: health probes, which orchestrators call on their own schedule. */
export const NotRateLimited = (): ClassDecorator & MethodDecorator => SetMetadata(NOT_RATE_LIMITED, true);
