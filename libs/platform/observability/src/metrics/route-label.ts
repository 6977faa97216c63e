import type { IncomingMessage } from 'node:http';

/** What an Express request carries once a route matched it: the route's pattern, not the path. */
interface RoutedRequest extends IncomingMessage {
  route?: { path?: unknown };
  baseUrl?: string;
}

/** The label of requests no route matched (404s, scans): one series, whatever the path. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The `route` label of an HTTP request: the pattern of the route that matched it (`/v1/cases/:id`),
 * never the raw path, so a case id, a key or a scanner's junk cannot each make a new time series.
 * Requests no route matched share one label.
 */
export function routeLabel(request: IncomingMessage): string {
  const routed = request as RoutedRequest;
  const pattern = routed.route?.path;
  if (typeof pattern !== 'string' || pattern.length === 0) return UNMATCHED_ROUTE;
  // A router mounted under a prefix reports its own pattern; the prefix is the mount point, itself a pattern.
  const base = routed.baseUrl ?? '';
  // A catch-all (Nest mounts middleware for every path as `/{*path}`) names no route: a request
  // that got no further than it matched none.
  if (pattern.includes('*')) return base ? `${base}/*` : UNMATCHED_ROUTE;
  const full = `${base}${pattern}`;
  return full.length > 1 && full.endsWith('/') ? full.slice(0, -1) : full;
}

/** `2xx`, `4xx`, `5xx` …: the class of an HTTP status, for labels that need no finer grain. */
export function statusClass(status: number | null | undefined): string {
  if (status === null || status === undefined || !Number.isInteger(status) || status < 100 || status > 599) return 'none';
  return `${Math.floor(status / 100)}xx`;
}
