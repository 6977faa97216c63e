import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { Roles } from '@ajar/http';
import { ChainVerification, EventStore } from '@ajar/event-store';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly events: EventStore) {}

  /**
   * Walks the tenant's hash chain from its first event and names the first broken link, if any:
   * a changed event (`hash_mismatch`), a re-linked one (`previous_hash_mismatch`), a removed one
   * (`sequence_gap`) or a cut-off end (`head_mismatch`).
   */
  @Get('verify')
  @Roles('auditor', 'admin')
  verify(@TenantCaller() actor: TenantActor): Promise<ChainVerification> {
    return this.events.verifyChain(actor.tenantId);
  }
}
