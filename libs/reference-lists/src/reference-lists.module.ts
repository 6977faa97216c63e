import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceIndexProvider } from './application/reference-index.provider';
import { ReferenceListEntryOrmEntity, ReferenceListVersionOrmEntity } from './infrastructure/reference-list.orm-entity';

/** The appraisal worker's access to reference lists. */
@Module({
  imports: [TypeOrmModule.forFeature([ReferenceListVersionOrmEntity, ReferenceListEntryOrmEntity])],
  providers: [ReferenceIndexProvider],
  exports: [ReferenceIndexProvider],
})
export class ReferenceIndexModule {}
