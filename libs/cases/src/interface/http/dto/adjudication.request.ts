import { IsIn, IsString, Length } from 'class-validator';

export class ListHitAdjudicationRequest {
  /** `confirmed`: the subject is the listed entity; `false_positive`: it is not. */
  @IsIn(['confirmed', 'false_positive'])
  decision!: 'confirmed' | 'false_positive';

  /** Why: what was compared (registration, address, ownership…). Kept in the timeline. */
  @IsString()
  @Length(3, 2000)
  reason!: string;
}
