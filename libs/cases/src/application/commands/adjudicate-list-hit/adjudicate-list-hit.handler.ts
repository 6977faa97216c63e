import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Inject } from '@nestjs/common';
import { DomainError } from '@ajar/kernel';
import { adjudicateListHit, ListHit } from '../../../domain/case-lifecycle';
import { AssessmentQueryService } from '../../../infrastructure/assessment.query-service';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { AdjudicateListHitCommand } from './adjudicate-list-hit.command';

@CommandHandler(AdjudicateListHitCommand)
export class AdjudicateListHitHandler implements ICommandHandler<AdjudicateListHitCommand, CaseCommandResult> {
  constructor(
    @Inject(AssessmentQueryService) private readonly assessments: Pick<AssessmentQueryService, 'findingOfLatest'>,
    private readonly cases: CaseChanges,
  ) {}

  async execute(command: AdjudicateListHitCommand): Promise<CaseCommandResult> {
    const hit = await this.findHit(command.tenantId, command.caseId, command.hitId);
    return this.cases.change(
      command.tenantId,
      command.caseId,
      command.actor,
      (current) => adjudicateListHit(current, hit, command.decision, command.reason),
      command.expectedVersion,
    );
  }

  /** The hit must be a list finding of the case's latest assessment. */
  private async findHit(tenantId: string, caseId: string, hitId: string): Promise<ListHit> {
    const finding = await this.assessments.findingOfLatest(tenantId, caseId, hitId);
    if (!finding) {
      throw new DomainError('LIST_HIT.NOT_FOUND', `No finding ${hitId} in the latest assessment of case ${caseId}.`, 'not_found');
    }
    const { listId, entryId, entryLastChange } = finding.evidence ?? {};
    if (typeof listId !== 'string' || typeof entryId !== 'string') {
      throw new DomainError('LIST_HIT.NOT_A_LIST_HIT', `Finding ${hitId} (${finding.rule}) is not a list hit: only list hits are adjudicated.`, 'unprocessable', {
        errors: [{ field: 'hitId', reason: 'not a list hit' }],
      });
    }
    return {
      findingId: finding.id,
      rule: finding.rule,
      subject: finding.subject,
      listId,
      entryId,
      ...(typeof entryLastChange === 'string' ? { entryLastChange } : {}),
    };
  }
}
