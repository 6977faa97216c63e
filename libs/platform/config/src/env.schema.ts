import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

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

  /** Needed only by POST /v1/tenants. Without it, that route refuses every request. */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'AJAR_BOOTSTRAP_TOKEN must be at least 24 characters' })
  AJAR_BOOTSTRAP_TOKEN?: string;

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

  /** Size of the PostgreSQL connection pool of each process. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /** Concurrency of each BullMQ worker in the worker process. */
  @Transform(({ value }) => (value === undefined || value === '' ? value : Number(value)))
  @IsInt()
  @Min(1)
  @Max(256)
  AJAR_WORKER_CONCURRENCY = 8;
}
