import { IsIn, IsObject, IsOptional, IsString, Length } from 'class-validator';
import type { ListKind } from '../../../application/commands/define-reference-list/define-reference-list.command';

export const LIST_KINDS = ['sanctions', 'export_control', 'research_security', 'watchlist'] as const;

export class DefineReferenceListRequest {
  @IsIn(LIST_KINDS)
  kind!: ListKind;

  /** FollowTheMoney topic → severity S0…S4 (RULES L-006), e.g. `{ "sanction": "S4", "poi": "S1" }`. */
  @IsOptional()
  @IsObject()
  topicSeverity?: Record<string, string>;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string;
}
