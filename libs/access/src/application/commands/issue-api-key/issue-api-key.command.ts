import { Command } from '@nestjs/cqrs';
import type { TenantActor } from '../../../auth/current-actor.decorator';
import type { Role } from '../../../domain/roles';

export interface IssuedApiKey {
  id: string;
  name: string;
  roles: Role[];
  key: string;
  displayPrefix: string;
  createdAt: string;
}

export class IssueApiKeyCommand extends Command<IssuedApiKey> {
  constructor(
    readonly name: string,
    readonly roles: Role[],
    readonly actor: TenantActor,
  ) {
    super();
  }
}
