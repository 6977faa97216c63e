export * from './request-context';
export { ObservabilityModule, correlationIdFrom, httpLoggerOptions, REDACTED_PATHS } from './observability.module';
export { redactUrl, REDACTED } from './redact-url';
export { Metrics } from './metrics/metrics';
export type { ScrapeGauge } from './metrics/metrics';
export { routeLabel, statusClass, UNMATCHED_ROUTE } from './metrics/route-label';
export { metricsAccess, operatorAccess, presentedToken, sameSecret } from './metrics/operator-access';
export type { OperatorAccess } from './metrics/operator-access';
export { logProcessFailures } from './process-failures';
