import { EntityManager } from 'typeorm';

/**
 * Locks the tenant row for the rest of the transaction and returns its stream version, so
 * commands on the tenant aggregate (its keys) apply one after the other.
 */
export async function lockTenantStream(em: EntityManager, tenantId: string): Promise<number> {
  const rows: { version: number }[] = await em.query(`SELECT version FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
  if (rows.length === 0) throw new Error(`tenant ${tenantId} does not exist`);
  return rows[0].version;
}
