import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentEventContext, EventStore, PendingEvent } from '@ajar/event-store';
import type { Actor } from '@ajar/observability';
import type { TenantKind } from '../domain/roles';
import { ApiKeyRepository, NewApiKey } from './api-key.repository';

export const TENANT_STREAM = 'tenant';

export interface NewTenant {
  id: string;
  name: string;
  kind: TenantKind;
  createdAt: Date;
}

export interface TenantSummary {
  id: string;
  kind: string;
  name: string;
}

/**
 * The tenant aggregate (the tenant, its API keys and its registered advisors) and its event
 * stream. Raw SQL: the version lock (`FOR UPDATE`) and the relative version bump read plainer in
 * SQL than through the query builder.
 */
@Injectable()
export class TenantRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  /** Creates the tenant with its first key, opens its event chain and records both: one transaction. */
  async create(tenant: NewTenant, firstKey: NewApiKey, actor: Actor, pending: PendingEvent[]): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      // Version 2: the stream starts with the two events below.
      await em.query(`INSERT INTO tenants (id, name, kind, version, created_at) VALUES ($1, $2, $3, 2, $4)`, [
        tenant.id,
        tenant.name,
        tenant.kind,
        tenant.createdAt,
      ]);
      await this.apiKeys.insert(em, firstKey);
      await this.events.openChain(em, tenant.id);
      await this.events.append(
        em,
        { tenantId: tenant.id, streamType: TENANT_STREAM, streamId: tenant.id, expectedVersion: 0, events: pending },
        currentEventContext(actor),
      );
    });
  }

  /**
   * Runs a change of the tenant aggregate in one transaction: locks the tenant row so such
   * changes apply one after the other, lets `change` write its rows (through the repositories,
   * with the transaction's manager) and name its events, then appends them and moves the stream
   * version on.
   */
  async change(tenantId: string, actor: Actor, change: (em: EntityManager) => Promise<PendingEvent[]>): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const rows: { version: number }[] = await em.query(`SELECT version FROM tenants WHERE id = $1 FOR UPDATE`, [tenantId]);
      if (rows.length === 0) throw new Error(`tenant ${tenantId} does not exist`);
      const pending = await change(em);
      await this.events.append(
        em,
        { tenantId, streamType: TENANT_STREAM, streamId: tenantId, expectedVersion: rows[0].version, events: pending },
        currentEventContext(actor),
      );
      await em.query(`UPDATE tenants SET version = version + $2 WHERE id = $1`, [tenantId, pending.length]);
    });
  }

  async kindOf(em: EntityManager, tenantId: string): Promise<string | undefined> {
    const rows: { kind: string }[] = await em.query(`SELECT kind FROM tenants WHERE id = $1`, [tenantId]);
    return rows[0]?.kind;
  }

  async findMany(em: EntityManager, tenantIds: string[]): Promise<TenantSummary[]> {
    return em.query(`SELECT id, kind, name FROM tenants WHERE id = ANY($1::uuid[])`, [tenantIds]);
  }
}
