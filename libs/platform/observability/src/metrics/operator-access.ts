import { createHash, timingSafeEqual } from 'node:crypto';

/** What a request for an operator's page (`/metrics`, `/admin/queues`) gets. */
export type OperatorAccess = 'allowed' | 'unauthenticated' | 'off';

/**
 * The token an `Authorization` header presents: `Bearer <token>`, or, where `basic` is allowed,
 * HTTP Basic with the token as the password (any user name), which a browser can prompt for.
 */
export function presentedToken(authorization: string | undefined, options: { basic: boolean }): string | undefined {
  if (!authorization) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return bearer[1];
  const basic = options.basic ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization) : null;
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1) || undefined;
}

/** Compares digests, so the time taken says nothing about the expected secret or its length. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

/**
 * Who may read `/metrics`: with AJAR_METRICS_TOKEN set, only a request bearing it. Without it, anyone
 * in development (a laptop's Prometheus needs no set-up), and no one in production, where the page
 * answers 404 rather than publish the deployment's internals by an oversight.
 */
export function metricsAccess(env: { NODE_ENV: string; AJAR_METRICS_TOKEN?: string }, authorization: string | undefined): OperatorAccess {
  if (!env.AJAR_METRICS_TOKEN) return env.NODE_ENV === 'production' ? 'off' : 'allowed';
  const token = presentedToken(authorization, { basic: false });
  return token !== undefined && sameSecret(token, env.AJAR_METRICS_TOKEN) ? 'allowed' : 'unauthenticated';
}

/**
 * Who may open the queue dashboard: only the operator, by AJAR_OPERATOR_TOKEN (Bearer, or Basic with
 * the token as password). Queues hold every tenant's jobs, so a tenant's admin key is not enough.
 * Unset, the dashboard is off.
 */
export function operatorAccess(env: { AJAR_OPERATOR_TOKEN?: string }, authorization: string | undefined): OperatorAccess {
  if (!env.AJAR_OPERATOR_TOKEN) return 'off';
  const token = presentedToken(authorization, { basic: true });
  return token !== undefined && sameSecret(token, env.AJAR_OPERATOR_TOKEN) ? 'allowed' : 'unauthenticated';
}
