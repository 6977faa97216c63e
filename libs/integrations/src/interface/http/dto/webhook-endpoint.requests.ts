import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { INTEGRATION_EVENT_TYPES } from '../../../domain/integration-event';

export class CreateWebhookEndpointRequest {
  /** `https://…`; vetted now and at every delivery: it must resolve to public addresses only. */
  @IsString()
  @Length(1, 2000)
  url!: string;

  /** Wire types to receive, e.g. `case.screening_completed.v1`; omitted or empty: every type. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsIn(INTEGRATION_EVENT_TYPES, { each: true, message: `each value in eventTypes must be one of ${INTEGRATION_EVENT_TYPES.join(', ')}` })
  eventTypes?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class RotateWebhookSecretRequest {
  /** How long the old secret keeps signing too, in seconds: 0 to 7 days (default 24 h). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  overlapSeconds?: number;
}

export class ReplayWebhookMessageRequest {
  /** Only to this endpoint; omitted: every enabled endpoint the message went to. */
  @IsOptional()
  @IsUUID()
  endpointId?: string;
}

export class ListWebhookAttemptsRequest {
  /** Page size, 1 to 200 (default 50). */
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}
