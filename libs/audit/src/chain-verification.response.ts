import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ChainVerification } from '@ajar/event-store';

type BrokenLinkReason = NonNullable<ChainVerification['firstBrokenLink']>['reason'];
const BROKEN_LINK_REASONS: readonly BrokenLinkReason[] = ['hash_mismatch', 'previous_hash_mismatch', 'sequence_gap', 'event_missing', 'head_mismatch', 'unchained_event'];

export class BrokenLinkResponse {
  tenantSequence!: string | null;
  eventId!: string | null;
  @ApiProperty({ enum: BROKEN_LINK_REASONS, enumName: 'BrokenLinkReason' })
  reason!: BrokenLinkReason;
  detail!: string;
}

/** The result of walking the tenant's hash chain (a class, for the OpenAPI document). */
export class ChainVerificationResponse implements ChainVerification {
  tenantId!: string;
  valid!: boolean;
  eventsChecked!: number;
  headSequence!: string;
  /** Events committed moments ago and not chained yet (normal; the chainer runs continuously). */
  pendingEvents!: number;
  /** The first broken link, when the chain is not valid. */
  @ApiPropertyOptional({ type: BrokenLinkResponse })
  firstBrokenLink?: BrokenLinkResponse;
}
