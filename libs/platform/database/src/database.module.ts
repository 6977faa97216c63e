import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AjarEnvironment } from '@ajar/config';
import { CommitSignal } from './commit-signal';
import { postgresOptions } from './typeorm-options';

/** Root TypeORM connection. Entities are registered by each context with `forFeature`. */
@Module({})
export class DatabaseModule {
  static forRoot(applicationName: string): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [CommitSignal],
      exports: [CommitSignal],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AjarEnvironment],
          useFactory: (env: AjarEnvironment) => ({
            ...postgresOptions({ url: env.DATABASE_URL, poolSize: env.DATABASE_POOL_SIZE, poolIdleSeconds: env.DATABASE_POOL_IDLE_SECONDS, applicationName }),
            autoLoadEntities: true,
          }),
        }),
      ],
    };
  }
}
