import { Global, Module } from '@nestjs/common';
import { AjarEnvironment } from './env.schema';
import { validateEnvironment } from './validate-env';

/**
 * Provides the validated environment as `AjarEnvironment`. Validation runs when the module is
 * built, so a bad variable stops the process before anything listens or connects.
 */
@Global()
@Module({
  providers: [{ provide: AjarEnvironment, useFactory: () => validateEnvironment(process.env) }],
  exports: [AjarEnvironment],
})
export class AjarConfigModule {}
