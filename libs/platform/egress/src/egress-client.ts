import { promises as dns } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { AjarEnvironment } from '@ajar/config';
import { EgressFailed, EgressRefused } from './egress-errors';
import { EgressAllowList, HostResolver, UrlVerdict, vetDestination, vetResolvedAddresses, vetUrl } from './egress-policy';

/** Overrides the system resolver (tests). Provide it next to EgressModule. */
export const EGRESS_RESOLVER = Symbol('EGRESS_RESOLVER');

export interface EgressRequest {
  headers: Record<string, string>;
  body: string | Buffer;
  /** Connection to the last byte of the excerpt; AJAR_WEBHOOK_TIMEOUT_MS by default. */
  timeoutMs?: number;
  /** How much of the response body is kept, in bytes; 1024 by default. */
  maxExcerptBytes?: number;
}

export interface EgressResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bodyExcerpt: string;
  latencyMs: number;
}

const DEFAULT_EXCERPT_BYTES = 1024;
/** Past the excerpt, this much more is read so the socket can be reused; beyond it, a new one is cheaper. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

const systemResolver: HostResolver = async (host) =>
  (await dns.lookup(host, { all: true })).map((entry) => entry.address);

/**
 * The one way Ajar calls out. Every call is vetted again (a stored URL may predate a policy change),
 * and hostnames are resolved by our own lookup, which hands the socket only addresses it has
 * vetted: the address checked is the address connected to, so DNS rebinding has no window.
 * Redirects are never followed; a 3xx is returned like any other status.
 */
@Injectable()
export class EgressClient implements OnModuleDestroy {
  private readonly allow: EgressAllowList;
  private readonly defaultTimeoutMs: number;
  private readonly resolve: HostResolver;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(env: AjarEnvironment, @Optional() @Inject(EGRESS_RESOLVER) resolve?: HostResolver) {
    this.allow = EgressAllowList.parse(env.AJAR_EGRESS_ALLOW);
    this.defaultTimeoutMs = env.AJAR_WEBHOOK_TIMEOUT_MS;
    this.resolve = resolve ?? systemResolver;
    const lookup = pinnedLookup(this.allow, this.resolve);
    // Idle pooled sockets are dropped after 15 s, or sooner when the server says so in Keep-Alive.
    const agentOptions = { keepAlive: true, maxSockets: 256, maxFreeSockets: 256, timeout: 15_000, lookup };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent(agentOptions);
  }

  /** Registration-time check of a destination, with this process's allow-list and resolver. */
  vet(url: string): Promise<UrlVerdict> {
    return vetDestination(url, this.allow, this.resolve);
  }

  async post(url: string, init: EgressRequest): Promise<EgressResponse> {
    const verdict = vetUrl(url, this.allow);
    if (!verdict.ok) throw new EgressRefused(verdict.reason);
    const started = performance.now();
    const deadline = started + (init.timeoutMs ?? this.defaultTimeoutMs);
    const body = typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(verdict.url, init, body, deadline, started);
      } catch (error: unknown) {
        if (!(error instanceof StaleSocket)) throw error;
        // A pooled socket the server had closed meanwhile: the request most likely never reached it,
        // so it gets one more try.
        if (attempt > 1 || performance.now() >= deadline) throw EgressFailed.from(error.cause);
      }
    }
  }

  onModuleDestroy(): void {
    this.close();
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private send(
    url: URL,
    init: EgressRequest,
    body: Buffer,
    deadline: number,
    started: number,
  ): Promise<EgressResponse> {
    const maxExcerptBytes = Math.max(0, init.maxExcerptBytes ?? DEFAULT_EXCERPT_BYTES);
    return new Promise<EgressResponse>((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void): void => {
        if (settled) return;
        settled = true;
        outcome();
      };

      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request({
        agent: secure ? this.httpsAgent : this.httpAgent,
        method: 'POST',
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { ...init.headers, 'content-length': String(body.length) },
      });

      const timer = setTimeout(() => {
        const budget = Math.round(deadline - started);
        settle(() => reject(new EgressFailed('timeout', `no response within ${budget} ms`)));
        request.destroy();
      }, Math.max(0, deadline - performance.now()));

      request.on('error', (error: Error) => {
        clearTimeout(timer);
        settle(() => {
          if (error instanceof EgressRefused) reject(error);
          else if (request.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
            reject(new StaleSocket(error));
          } else reject(EgressFailed.from(error));
        });
      });

      request.on('response', (response) => {
        const decoder = new StringDecoder('utf8');
        const excerpt: Buffer[] = [];
        let kept = 0;
        let drained = 0;
        const finish = (): void =>
          settle(() =>
            resolve({
              status: response.statusCode ?? 0,
              headers: flattenHeaders(response.headers),
              // The decoder holds back a multi-byte character cut at the limit instead of mangling it.
              bodyExcerpt: decoder.write(Buffer.concat(excerpt, kept)),
              latencyMs: Math.round(performance.now() - started),
            }),
          );

        response.on('data', (chunk: Buffer) => {
          const taken = Math.min(maxExcerptBytes - kept, chunk.length);
          if (taken > 0) {
            excerpt.push(chunk.subarray(0, taken));
            kept += taken;
          }
          drained += chunk.length - taken;
          if (kept >= maxExcerptBytes) finish();
          if (drained > DRAIN_LIMIT_BYTES) response.destroy();
        });
        response.on('end', finish);
        response.on('error', (error: Error) => settle(() => reject(EgressFailed.from(error))));
        response.on('close', () => {
          clearTimeout(timer);
          settle(() => reject(new EgressFailed('connection', 'the response ended before it was complete')));
        });
      });

      request.end(body);
    });
  }
}

/** Marks an ECONNRESET on a reused keep-alive socket, which is worth exactly one more try. */
class StaleSocket extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

/**
 * The `lookup` given to both agents: resolves with our resolver, refuses the connection if any
 * address is not allowed, and returns only those addresses, so net connects to nothing unvetted.
 * Honours both call styles of net (`all: true` with autoSelectFamily, a single address without).
 */
function pinnedLookup(allow: EgressAllowList, resolve: HostResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const verdict = vetResolvedAddresses(hostname, addresses, allow);
        if (!verdict.allowed) return callback(new EgressRefused(verdict.reason), '');
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
        const usable = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => family === 0 || entry.family === family);
        if (usable.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no IPv${family} address`);
          error.code = 'ENOTFOUND';
          return callback(error, '');
        }
        if (options.all) return callback(null, usable);
        callback(null, usable[0].address, usable[0].family);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), ''),
    );
  };
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
