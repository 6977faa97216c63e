export { DomainError, StreamVersionConflict } from './domain-error';
export type { DomainErrorKind } from './domain-error';
