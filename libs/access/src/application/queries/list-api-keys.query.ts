import { Query } from '@nestjs/cqrs';

export interface ApiKeyView {
  id: string;
  name: string;
  roles: string[];
  displayPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export class ListApiKeysQuery extends Query<ApiKeyView[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}
