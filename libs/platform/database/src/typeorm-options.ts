import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseConnectionSettings {
  url: string;
  poolSize: number;
  /** Seconds an idle pooled connection is kept (0: never closed); 300 when not given. */
  poolIdleSeconds?: number;
  applicationName: string;
}

/**
 * The one place TypeORM is configured, for the apps and for the migration CLI alike.
 * `synchronize` is never on: the schema changes through migrations/ only.
 */
export function postgresOptions(settings: DatabaseConnectionSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // Off: TypeORM would print failed queries with their parameters, i.e. personal data in logs.
    // Errors reach our problem-details filter, which logs what is safe to log.
    logging: false,
    applicationName: settings.applicationName,
    extra: { max: settings.poolSize, connectionTimeoutMillis: 5000, idleTimeoutMillis: (settings.poolIdleSeconds ?? 300) * 1000 },
  };
}

/** PostgreSQL error codes Ajar reacts to. */
export const PgErrorCode = {
  UniqueViolation: '23505',
  SerializationFailure: '40001',
  DeadlockDetected: '40P01',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === 'string') return direct;
  const driverError = (error as { driverError?: { code?: unknown } }).driverError;
  return typeof driverError?.code === 'string' ? driverError.code : undefined;
}

/** The constraint (or unique index) a PostgreSQL error names, if any. */
export function pgConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { constraint?: unknown }).constraint;
  if (typeof direct === 'string') return direct;
  const driverError = (error as { driverError?: { constraint?: unknown } }).driverError;
  return typeof driverError?.constraint === 'string' ? driverError.constraint : undefined;
}
