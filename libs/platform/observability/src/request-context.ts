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

/**
 * The Idempotency-Key lease a request holds while its command runs. The command's transaction
 * stores the answer in the key's record before COMMIT (the idempotency record repository's
 * `storeIdempotentAnswer`), so a crash between commit and response cannot lose it.
 */
export interface IdempotentRequest {
  scope: string;
  key: string;
  leaseToken: string;
  /** The status the route answers with on success. */
  responseStatus: number;
  /** Response fields shown once and never stored (see `SecretInResponse`). */
  secretFields: readonly string[];
  /** Set once a transaction stored the answer; later transactions of the request store nothing. */
  answerStored: boolean;
}

/** What travels with a request or a job through commands, events, queues and logs. */
export interface AjarContextStore extends ClsStore {
  correlationId: string;
  causationId?: string;
  actor?: Actor;
  idempotency?: IdempotentRequest;
}

export type AjarContext = ClsService<AjarContextStore>;

export const CORRELATION_HEADER = 'x-correlation-id';
