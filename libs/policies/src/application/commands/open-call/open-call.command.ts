import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';

export interface OpenedCall {
  id: string;
  title: string;
  externalRef: string | null;
  policy: { name: string; version: number };
  createdAt: string;
}

export class OpenCallCommand extends Command<OpenedCall> {
  constructor(
    readonly tenantId: string,
    readonly title: string,
    readonly externalRef: string | undefined,
    readonly policyName: string,
    /** A version of the policy; absent means its current version, fixed at this moment. */
    readonly policyVersion: number | undefined,
    readonly actor: Actor,
  ) {
    super();
  }
}
