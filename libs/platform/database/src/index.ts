export { SnakeNamingStrategy } from './snake-naming.strategy';
export { postgresOptions, PgErrorCode, pgErrorCode } from './typeorm-options';
export type { DatabaseConnectionSettings } from './typeorm-options';
export { DatabaseModule } from './database.module';
