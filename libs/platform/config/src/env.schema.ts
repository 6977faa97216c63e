import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { IsTrustProxy } from './trust-proxy';

export const API_DOCS_MODES = ['public', 'admin', 'off'] as const;
export type ApiDocsMode = (typeof API_DOCS_MODES)[number];

/** Every variable Ajar reads, with its default. Validated once at boot (validate-env.ts). */
export class AjarEnvironment {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ajar';

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * Who may read the OpenAPI document: `public` serves the Swagger UI at /docs and the document at
   * /docs-json to anyone; `admin` serves /docs-json to admin API keys only (no UI: a browser cannot
   * send the key on navigation); `off` serves neither. Default: `off` when NODE_ENV=production,
   * else `public` (set by validateEnvironment).
   */
  @IsOptional()
  @IsIn(API_DOCS_MODES)
  AJAR_API_DOCS?: ApiDocsMode;

  /** Needed only by POST /v1/tenants. Without it, that route refuses every request. */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'AJAR_BOOTSTRAP_TOKEN must be at least 24 characters' })
  AJAR_BOOTSTRAP_TOKEN?: string;

  /**
   * `production` turns off what is open only for development: `/metrics` without
   * AJAR_METRICS_TOKEN answers 404 in production (anyone may read it otherwise).
   */
  @IsString()
  NODE_ENV = 'development';

  /**
   * Bearer token Prometheus sends to read `/metrics` on the API and the worker. Unset: `/metrics`
   * is open in development and off (404) when NODE_ENV=production.
   */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'AJAR_METRICS_TOKEN must be at least 24 characters' })
  AJAR_METRICS_TOKEN?: string;

  /**
   * The operator's credential for the queue dashboard at `/admin/queues` (Bearer, or HTTP Basic
   * with this token as the password). Queues are shared by every tenant, so no tenant's API key
   * opens it. Unset: the dashboard is off (404).
   */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'AJAR_OPERATOR_TOKEN must be at least 24 characters' })
  AJAR_OPERATOR_TOKEN?: string;

  /**
   * Port of the worker's own small HTTP listener, which serves `/metrics`, `/health/live` and `/health/ready`
   * (9464, the port commonly given to Prometheus exporters; 0 picks a free port, as the tests do).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  AJAR_WORKER_HTTP_PORT = 9464;

  /**
   * SMTP server for notice e-mails (`smtp://` or `smtps://`, may hold user:password; never
   * logged). Unset: notices are not e-mailed, and their jobs complete without sending.
   */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\/[^\s/?#]+([/?][^\s]*)?$/, { message: 'AJAR_SMTP_URL must be an smtp:// or smtps:// URL' })
  AJAR_SMTP_URL?: string;

  /** The From of notice e-mails: an address, with a display name if wanted. */
  @IsString()
  @MinLength(3)
  @Matches(/^[^\r\n]*@[^\r\n]*$/, { message: 'AJAR_MAIL_FROM must be an address such as Ajar <notices@example.org>, on one line' })
  AJAR_MAIL_FROM = 'Ajar <notices@ajar.invalid>';

  /** Prefix of every BullMQ key, so several deployments (or test workers) can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'AJAR_QUEUE_PREFIX may hold letters, digits, _ and - only' })
  AJAR_QUEUE_PREFIX = 'ajar';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** How often the outbox relay polls when it found nothing to publish. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(60000)
  AJAR_OUTBOX_POLL_MS = 200;

  /** How long an Idempotency-Key and its stored response are kept. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(24)
  AJAR_IDEMPOTENCY_TTL_HOURS = 48;

  /**
   * Seconds an `in_progress` Idempotency-Key is leased to the request running it. The API renews
   * the lease while the request runs; once it runs out (the process died, or lost PostgreSQL), a
   * retry with the same key takes the request over. Longer than a slow command's pause between
   * renewals (a third of this), short enough that a client's retry after a crash is not locked out.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(300)
  AJAR_IDEMPOTENCY_LEASE_SECONDS = 15;

  /**
   * Test hook, refused unless NODE_ENV=test: the API process exits right after a command with an
   * Idempotency-Key committed, before answering — a crash between commit and response
   * (test/e2e/platform/idempotency-crash.e2e-spec.ts).
   */
  @IsOptional()
  @IsIn(['true'])
  AJAR_TEST_EXIT_AFTER_COMMIT?: 'true';

  /** Size of the PostgreSQL connection pool of each process. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /**
   * Seconds a pooled PostgreSQL connection may stay idle before it is closed (0: never). A new
   * connection costs a backend start and cold catalog caches; under a steady load a short timeout
   * closes connections between bursts and reopens them in the next one.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(0)
  @Max(86400)
  DATABASE_POOL_IDLE_SECONDS = 300;

  /**
   * Attempts of a queue job (screening, monitoring, deadlines, notices) before BullMQ gives up on
   * it; a consumer then records the failure where people see it (a failed screening on its case).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  AJAR_JOB_ATTEMPTS = 8;

  /** Delay before a job's 2nd attempt; it doubles at each further attempt (exponential backoff). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  AJAR_JOB_BACKOFF_MS = 1000;

  /** Concurrency of each BullMQ worker in the worker process. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(256)
  AJAR_WORKER_CONCURRENCY = 8;

  /**
   * Hosts, IP addresses and CIDR ranges that outbound calls may reach although they are private,
   * loopback or plain http (comma-separated). Empty in production; tests and local receivers only.
   */
  @IsString()
  AJAR_EGRESS_ALLOW = '';

  /** Concurrency of the webhook delivery worker (deliveries are I/O-bound). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1024)
  AJAR_WEBHOOK_CONCURRENCY = 100;

  /** How long one webhook attempt may take, connection to last byte. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(100)
  @Max(60000)
  AJAR_WEBHOOK_TIMEOUT_MS = 15000;

  /**
   * Delays before the 2nd, 3rd, … attempt (each ±20 % jitter), comma-separated with a unit
   * (ms, s, m, h). The Standard Webhooks / Svix schedule by default.
   */
  @IsString()
  @Matches(/^\s*\d+\s*(ms|s|m|h)\s*(,\s*\d+\s*(ms|s|m|h)\s*)*$/, {
    message: 'AJAR_WEBHOOK_RETRY_SCHEDULE must be a comma-separated list of durations such as 5s,5m,30m,2h',
  })
  AJAR_WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

  /** An endpoint whose deliveries have failed without a success for this long is disabled. */
  @IsString()
  @Matches(/^\s*\d+\s*(ms|s|m|h)\s*$/, { message: 'AJAR_WEBHOOK_DISABLE_AFTER must be a duration such as 120h' })
  AJAR_WEBHOOK_DISABLE_AFTER = '120h';

  /** How often (and how late) owed webhook attempts whose job Redis lost are looked for. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  AJAR_WEBHOOK_SWEEP_MS = 30000;

  /** How often (and how late) pending case deadlines whose alarm Redis lost are re-armed. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(3_600_000)
  AJAR_DEADLINE_SWEEP_MS = 30000;

  /**
   * How often the worker re-creates the jobs of owed outbox rows that Redis no longer holds
   * (screenings, notices, monitoring) and re-registers lost job schedulers; a row is owed once
   * published this long ago, so lost work is back within twice this. At most a minute.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(50)
  @Max(60_000)
  AJAR_RECONCILE_MS = 30000;

  /**
   * Which proxies in front of the API may name the client address in `X-Forwarded-For` (Express
   * `trust proxy`): `false` (default: the TCP peer is the client), a hop count, or a comma-separated
   * list of addresses, CIDR ranges and `loopback`, `linklocal`, `uniquelocal`. The per-IP rate limits
   * count by that address, so trust only the proxies you run (`true` trusts anyone's header).
   */
  @IsTrustProxy()
  AJAR_TRUST_PROXY = 'false';

  /** The window of every rate limit below, in seconds (fixed windows, shared by all API replicas through Redis). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86400)
  AJAR_RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Requests one API key may make per window, all authenticated routes together. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  AJAR_RATE_LIMIT_PER_KEY = 600;

  /** Requests one API key may make per window to costly routes (list version upload, register CSV export). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  AJAR_RATE_LIMIT_COSTLY_PER_KEY = 30;

  /** Requests one client address may make per window to the routes without an API key (tenant bootstrap, signed inbound). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  AJAR_RATE_LIMIT_PER_IP = 60;

  /** Answers 401 one client address may receive per window before its requests are refused (429). */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP = 10;

  /** How long an address that reached the failed-authentication limit is refused, in seconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(86400)
  AJAR_RATE_LIMIT_FAILED_AUTH_BLOCK_SECONDS = 300;
}
