export * from './request-context';
export { ObservabilityModule, correlationIdFrom, httpLoggerOptions, REDACTED_PATHS } from './observability.module';
export { redactUrl, REDACTED } from './redact-url';
export { logProcessFailures } from './process-failures';
