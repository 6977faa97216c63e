import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiKeyView, ListApiKeysQuery } from './list-api-keys.query';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery, ApiKeyView[]> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListApiKeysQuery): Promise<ApiKeyView[]> {
    const rows: { id: string; name: string; roles: string[]; display_prefix: string; contact_email: string | null; created_at: Date; revoked_at: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, name, roles, display_prefix, contact_email, created_at, revoked_at FROM api_keys
          WHERE tenant_id = $1 ORDER BY created_at, id`,
        [query.tenantId],
      );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      roles: row.roles,
      displayPrefix: row.display_prefix,
      contactEmail: row.contact_email,
      createdAt: row.created_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
    }));
  }
}
