export { SnakeNamingStrategy } from './snake-naming.strategy';
export { postgresOptions, PgErrorCode, pgErrorCode, pgConstraint } from './typeorm-options';
export type { DatabaseConnectionSettings } from './typeorm-options';
export { DatabaseModule } from './database.module';
export { CommitSignal, COMMIT_CHANNEL } from './commit-signal';
export { BackgroundLoop } from './background-loop';
export type { BackgroundLoopOptions, LoopWork } from './background-loop';
export { WriteBatch } from './write-batch';
export type { SqlQueryable, BatchErrorTranslation } from './write-batch';
