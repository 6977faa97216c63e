import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '@ajar/event-store';

/** The events one case command stored, as the projection steps see them. */
export interface StoredCaseChange {
  tenantId: string;
  caseId: string;
  events: StoredEvent[];
  correlationId: string;
}

/**
 * A read model (or a set of outbox rows) kept from a case's events. CaseRepository runs every step
 * in the transaction that stores the events, so a step's rows exist exactly when the events do.
 */
export interface CaseProjection {
  apply(tx: EntityManager, change: StoredCaseChange): Promise<void>;
}
