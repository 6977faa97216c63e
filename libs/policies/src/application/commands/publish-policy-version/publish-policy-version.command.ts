import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

export interface PublishedPolicyVersion {
  name: string;
  version: number;
  createdAt: string;
}

export class PublishPolicyVersionCommand extends Command<PublishedPolicyVersion> {
  constructor(
    readonly tenantId: string,
    readonly name: string,
    readonly document: Record<string, unknown>,
    readonly actor: Actor,
  ) {
    super();
  }
}
