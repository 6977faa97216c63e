import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccessQueryService } from '../../infrastructure/access.query-service';
import { ApiKeyView, ListApiKeysQuery } from './list-api-keys.query';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery, ApiKeyView[]> {
  constructor(private readonly access: AccessQueryService) {}

  execute(query: ListApiKeysQuery): Promise<ApiKeyView[]> {
    return this.access.apiKeys(query.tenantId);
  }
}
