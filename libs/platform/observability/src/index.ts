export * from './request-context';
export { ObservabilityModule, correlationIdFrom, REDACTED_PATHS } from './observability.module';
