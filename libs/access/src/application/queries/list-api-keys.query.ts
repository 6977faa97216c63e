import { Query } from '@nestjs/cqrs';

export interface ApiKeyView {
  id: string;
  name: string;
  roles: string[];
  displayPrefix: string;
  /** Where notices for the key's roles are e-mailed; null for none. */
  contactEmail: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export class ListApiKeysQuery extends Query<ApiKeyView[]> {
  constructor(readonly tenantId: string) {
    super();
  }
}
