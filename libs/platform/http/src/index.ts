export { ProblemException, PROBLEM_CONTENT_TYPE, problemType } from './problem';
export type { FieldProblem, ProblemDocument } from './problem';
export { createValidationPipe, fieldProblems, validationException, COUNTRY_AGNOSTIC_REFUSED_FIELDS } from './validation';
export { ProblemDetailsFilter, toProblem, sendProblem } from './problem-details.filter';
export { IdempotencyInterceptor, SecretInResponse, IDEMPOTENCY_HEADER } from './idempotency.interceptor';
export { IdempotencyRecordOrmEntity } from './idempotency-record.orm-entity';
export { configureApp, BODY_LIMIT } from './configure-app';
export { HttpPlatformModule } from './http-platform.module';
