import { EntityManager } from 'typeorm';
import { currentEventContext, EventStore, PendingEvent } from '@ajar/event-store';
import type { Actor } from '@ajar/observability';

export const TENANT_STREAM = 'tenant';

/**
 * Runs a change of the tenant aggregate (the tenant and its API keys) inside the caller's
 * transaction: locks the tenant row so such changes apply one after the other, lets `change`
 * write its rows and name its events, then appends them and moves the stream version on.
 */
export async function changeTenant(
  em: EntityManager,
  events: EventStore,
  tenantId: string,
  actor: Actor,
  change: () => Promise<PendingEvent[]>,
): Promise<void> {
  const rows: { version: number }[] = await em.query(`SELECT version FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
  if (rows.length === 0) throw new Error(`tenant ${tenantId} does not exist`);
  const pending = await change();
  await events.append(
    em,
    { tenantId, streamType: TENANT_STREAM, streamId: tenantId, expectedVersion: rows[0].version, events: pending },
    currentEventContext(actor),
  );
  await em.query(`UPDATE tenants SET version = version + $2 WHERE id = $1`, [tenantId, pending.length]);
}
