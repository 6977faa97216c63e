import { ClsService, ClsStore } from 'nestjs-cls';

/**
 * Who did something: an API key of a tenant, a signed inbound integration of a tenant, the
 * platform bootstrap, or the system itself.
 */
export interface Actor {
  kind: 'api_key' | 'integration' | 'bootstrap' | 'system';
  id: string;
  tenantId?: string;
  roles?: string[];
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'ajar' };

/** What travels with a request or a job through commands, events, queues and logs. */
export interface AjarContextStore extends ClsStore {
  correlationId: string;
  causationId?: string;
  actor?: Actor;
}

export type AjarContext = ClsService<AjarContextStore>;

export const CORRELATION_HEADER = 'x-correlation-id';
