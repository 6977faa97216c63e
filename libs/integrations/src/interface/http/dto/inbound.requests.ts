import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class CreateInboundIntegrationRequest {
  /** What the pushing system is, e.g. "Grant management system (production)". */
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class InboundLogRequest {
  /** Page size, 1 to 200 (default 50). */
  @IsOptional()
  @ApiPropertyOptional({ type: 'integer' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsUUID()
  cursor?: string;
}
