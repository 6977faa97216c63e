import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CASE_STATES, RISK_LEVELS } from '../../../domain/case-state';
import { PageRequest } from './page.request';

export class ListCasesRequest extends PageRequest {
  @IsOptional()
  @IsIn(CASE_STATES)
  state?: string;

  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: string;

  @IsOptional()
  @IsUUID()
  callId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalRef?: string;
}
