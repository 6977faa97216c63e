/** A backing service the API cannot answer without, named as clients and operators know it. */
export type Dependency = 'postgresql' | 'redis';

export interface DependencyOutage {
  dependency: Dependency;
  /** What gave the outage away (an error code or a driver's message), for the log line. */
  evidence: string;
}

/**
 * SQLSTATEs that mean "the server is not there for you right now", not "your query is wrong":
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, in recovery), 53300 too_many_connections.
 */
const POSTGRES_UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages `pg` and `pg-pool` give connection failures (they carry no code). */
const POSTGRES_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/** Messages ioredis rejects commands with when Redis is away (it never rejects with a socket error). */
const REDIS_CONNECTION_MESSAGES = ['Connection is closed.', "Stream isn't writeable and enableOfflineQueue options is false", 'None of startup nodes is available'];
const REDIS_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

/** Socket-level failures. ioredis never rejects a command with one, so on a request path they come from `pg`. */
const SOCKET_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** How far to look through wrappers (TypeORM's `driverError`, `cause`) before giving up. */
const MAX_DEPTH = 4;

/**
 * Whether an error means that PostgreSQL or Redis is unreachable (so the answer is 503 and a retry
 * will do), and which. Looks through TypeORM's `QueryFailedError.driverError` and through the
 * `cause` of plain `Error`s (pg-pool wraps a connect timeout so); a named error class (an egress
 * failure to an integrator's URL, say) keeps its own meaning and is not looked into.
 */
export function dependencyOutageOf(error: unknown, depth = 0): DependencyOutage | undefined {
  if (depth > MAX_DEPTH || typeof error !== 'object' || error === null) return undefined;
  const { name, message, code, driverError, cause } = error as { name?: unknown; message?: unknown; code?: unknown; driverError?: unknown; cause?: unknown };
  const text = typeof message === 'string' ? message : '';
  if ((typeof name === 'string' && REDIS_ERROR_NAMES.has(name)) || REDIS_CONNECTION_MESSAGES.some((known) => text.startsWith(known))) {
    return { dependency: 'redis', evidence: typeof name === 'string' && REDIS_ERROR_NAMES.has(name) ? name : text };
  }
  if (typeof code === 'string') {
    if (/^08[0-9A-Z]{3}$/.test(code) || POSTGRES_UNAVAILABLE_STATES.has(code)) return { dependency: 'postgresql', evidence: `SQLSTATE ${code}` };
    if (SOCKET_ERROR_CODES.has(code)) return { dependency: 'postgresql', evidence: code };
  }
  if (POSTGRES_CONNECTION_MESSAGES.some((known) => text.startsWith(known))) return { dependency: 'postgresql', evidence: text };
  if (driverError !== undefined) return dependencyOutageOf(driverError, depth + 1);
  if (cause !== undefined && name === 'Error') return dependencyOutageOf(cause, depth + 1);
  return undefined;
}
