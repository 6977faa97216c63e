import { ClsServiceManager } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { Actor, AjarContextStore } from '@ajar/observability';
import type { EventContext } from './event-store';

/** The metadata of events appended now: the actor, and the correlation and causation ids in scope. */
export function currentEventContext(actor: Actor): EventContext {
  const cls = ClsServiceManager.getClsService<AjarContextStore>();
  const active = cls.isActive();
  const correlationId = (active && (cls.get('correlationId') ?? cls.getId())) || randomUUID();
  const causationId = active ? cls.get('causationId') : undefined;
  return { actor, correlationId, ...(causationId ? { causationId } : {}) };
}
