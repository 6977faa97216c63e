import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantActor, TenantCaller } from '@ajar/access';
import { Roles } from '@ajar/http';
import { EventStore } from '@ajar/event-store';
import { ChainVerificationResponse } from './chain-verification.response';

@ApiTags('audit')
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
  @ApiOperation({ operationId: 'verifyAuditChain' })
  verify(@TenantCaller() actor: TenantActor): Promise<ChainVerificationResponse> {
    return this.events.verifyChain(actor.tenantId);
  }
}
