import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { TenantKind } from '../../../domain/roles';

export interface TenantCreatedResult {
  tenant: { id: string; name: string; kind: TenantKind; createdAt: string };
  apiKey: { id: string; name: string; roles: string[]; key: string; displayPrefix: string };
}

export class CreateTenantCommand extends Command<TenantCreatedResult> {
  constructor(
    readonly name: string,
    readonly kind: TenantKind,
    readonly actor: Actor,
  ) {
    super();
  }
}
