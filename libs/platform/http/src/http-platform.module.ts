import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyLeaseQueryService } from './idempotency-lease.query-service';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IdempotencyRecordOrmEntity } from './idempotency-record.orm-entity';
import { IdempotencyRecordRepository } from './idempotency-record.repository';
import { OpenApiDocumentController, OpenApiDocumentHolder } from './openapi-document.controller';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

/** The API's global pipe, filter and interceptor, registered as providers so tests get them too. */
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecordOrmEntity])],
  controllers: [OpenApiDocumentController],
  providers: [
    IdempotencyRecordRepository,
    OpenApiDocumentHolder,
    IdempotencyLeaseQueryService,
    IdempotencyMetrics,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class HttpPlatformModule {}
