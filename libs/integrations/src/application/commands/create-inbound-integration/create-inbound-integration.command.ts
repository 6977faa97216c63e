import type { TenantActor } from '@ajar/access';
import type { InboundIntegrationView } from '../../queries/inbound.queries';

export class CreateInboundIntegrationCommand {
  constructor(
    readonly name: string,
    readonly actor: TenantActor,
  ) {}
}

/** The integration and the secret its system signs with, shown this once. */
export interface CreatedInboundIntegration extends InboundIntegrationView {
  secret: string;
}
