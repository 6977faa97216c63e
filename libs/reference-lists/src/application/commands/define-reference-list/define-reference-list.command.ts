import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

export type ListKind = 'sanctions' | 'export_control' | 'research_security' | 'watchlist';

export interface ReferenceListDefinition {
  listId: string;
  kind: ListKind;
  topicSeverity: Record<string, string>;
  description: string | null;
  currentVersion: number;
}

export class DefineReferenceListCommand extends Command<ReferenceListDefinition> {
  constructor(
    readonly tenantId: string,
    readonly listId: string,
    readonly kind: ListKind,
    readonly topicSeverity: Record<string, string>,
    readonly description: string | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}
