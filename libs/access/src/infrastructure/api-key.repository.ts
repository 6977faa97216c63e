import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKeyOrmEntity } from './api-key.orm-entity';

export interface NewApiKey {
  id: string;
  tenantId: string;
  name: string;
  roles: string[];
  keyHash: string;
  displayPrefix: string;
  contactEmail: string | null;
  createdAt: Date;
}

/** An active key as authentication needs it. */
export interface ActiveApiKey {
  id: string;
  tenantId: string;
  roles: string[];
}

export interface StoredApiKey {
  id: string;
  roles: string[];
  revokedAt: Date | null;
}

/**
 * API keys of a tenant. Writes take the transaction of the tenant change they belong to (see
 * TenantRepository.change). Raw SQL where PostgreSQL array operators (`= ANY(roles)`) do the work.
 */
@Injectable()
export class ApiKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One indexed read (the unique index on key_hash): a revoked key is not found. */
  async findActiveByHash(keyHash: string): Promise<ActiveApiKey | undefined> {
    const key = await this.dataSource.getRepository(ApiKeyOrmEntity).findOne({
      select: { id: true, tenantId: true, roles: true },
      where: { keyHash, revokedAt: IsNull() },
    });
    return key ? { id: key.id, tenantId: key.tenantId, roles: key.roles } : undefined;
  }

  async insert(em: EntityManager, key: NewApiKey): Promise<void> {
    await em.query(
      `INSERT INTO api_keys (id, tenant_id, name, roles, key_hash, display_prefix, contact_email, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [key.id, key.tenantId, key.name, key.roles, key.keyHash, key.displayPrefix, key.contactEmail, key.createdAt],
    );
  }

  async find(em: EntityManager, tenantId: string, id: string): Promise<StoredApiKey | undefined> {
    const rows: { id: string; roles: string[]; revoked_at: Date | null }[] = await em.query(
      `SELECT id, roles, revoked_at FROM api_keys WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    return rows[0] ? { id: rows[0].id, roles: rows[0].roles, revokedAt: rows[0].revoked_at } : undefined;
  }

  async countActiveAdmins(em: EntityManager, tenantId: string): Promise<number> {
    const rows: { count: string }[] = await em.query(
      `SELECT count(*) FROM api_keys WHERE tenant_id = $1 AND revoked_at IS NULL AND 'admin' = ANY(roles)`,
      [tenantId],
    );
    return Number(rows[0].count);
  }

  async revoke(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
  }
}
