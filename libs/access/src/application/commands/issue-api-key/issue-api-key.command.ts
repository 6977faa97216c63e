import { Command } from '@nestjs/cqrs';
import type { TenantActor } from '../../../auth/current-actor.decorator';
import type { Role } from '../../../domain/roles';

export interface IssuedApiKey {
  id: string;
  name: string;
  roles: Role[];
  key: string;
  displayPrefix: string;
  /** Where notices for the key's roles are e-mailed; null for none. Not a secret. */
  contactEmail: string | null;
  createdAt: string;
}

export class IssueApiKeyCommand extends Command<IssuedApiKey> {
  constructor(
    readonly name: string,
    readonly roles: Role[],
    readonly actor: TenantActor,
    readonly contactEmail: string | null = null,
  ) {
    super();
  }
}
