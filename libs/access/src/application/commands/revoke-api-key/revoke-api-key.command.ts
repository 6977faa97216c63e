import { Command } from '@nestjs/cqrs';
import type { TenantActor } from '../../../auth/current-actor.decorator';

export class RevokeApiKeyCommand extends Command<void> {
  constructor(
    readonly apiKeyId: string,
    readonly actor: TenantActor,
  ) {
    super();
  }
}
