export { DomainError, StreamVersionConflict } from './domain-error';
export type { DomainErrorKind } from './domain-error';
export { ROLES } from './roles';
export type { Role } from './roles';
