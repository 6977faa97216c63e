import { Module } from '@nestjs/common';
import { ActorDirectory } from './infrastructure/actor-directory.query-service';

/** The access context's read surface for other contexts (cases, notifications), in the api and the worker. */
@Module({
  providers: [ActorDirectory],
  exports: [ActorDirectory],
})
export class ActorDirectoryModule {}
