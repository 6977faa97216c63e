import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';
import { currentEventContext, EventStore } from '@ajar/event-store';
import type { Actor } from '@ajar/observability';
import { PolicyOrmEntity } from './policy.orm-entity';

export const POLICY_STREAM = 'policy';

export interface PolicyVersionToPublish {
  tenantId: string;
  name: string;
  document: unknown;
  effective: unknown;
  createdAt: Date;
}

export interface PolicyHead {
  id: string;
  currentVersion: number;
}

/**
 * Policies and their immutable versions. Raw SQL: creating the policy on first use
 * (`ON CONFLICT DO NOTHING`) and locking it (`FOR UPDATE`) to number versions one after the other.
 */
@Injectable()
export class PolicyRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
  ) {}

  /** Stores the document as the next version of the named policy, with its event; returns the version. */
  async publishVersion(publish: PolicyVersionToPublish, actor: Actor): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO policies (id, tenant_id, name, current_version, created_at) VALUES ($1, $2, $3, 0, $4)
         ON CONFLICT (tenant_id, name) DO NOTHING`,
        [uuidv7(), publish.tenantId, publish.name, publish.createdAt],
      );
      const [policy]: { id: string; current_version: number }[] = await em.query(
        `SELECT id, current_version FROM policies WHERE tenant_id = $1 AND name = $2 FOR UPDATE`,
        [publish.tenantId, publish.name],
      );
      const version = policy.current_version + 1;
      await em.query(
        `INSERT INTO policy_versions (policy_id, version, tenant_id, document, effective, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [policy.id, version, publish.tenantId, JSON.stringify(publish.document), JSON.stringify(publish.effective), publish.createdAt],
      );
      await em.query(`UPDATE policies SET current_version = $2 WHERE id = $1`, [policy.id, version]);
      await this.events.append(
        em,
        {
          tenantId: publish.tenantId,
          streamType: POLICY_STREAM,
          streamId: policy.id,
          expectedVersion: version - 1,
          events: [{ type: 'PolicyVersionPublished', payload: { policyId: policy.id, name: publish.name, version } }],
        },
        currentEventContext(actor),
      );
      return version;
    });
  }

  /** The named policy of the tenant and its current version (versions only ever grow). */
  async findByName(tenantId: string, name: string): Promise<PolicyHead | undefined> {
    const policy = await this.dataSource.getRepository(PolicyOrmEntity).findOne({ select: { id: true, currentVersion: true }, where: { tenantId, name } });
    return policy ? { id: policy.id, currentVersion: policy.currentVersion } : undefined;
  }
}
