import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ActorDirectory } from '@ajar/access';
import { DomainError } from '@ajar/kernel';
import { CaseNotFound } from '../../../domain/case.errors';
import { assignReviewer } from '../../../domain/case-review';
import { CaseCommandResult, CaseChanges } from '../../case-changes';
import { AssignReviewerCommand } from './assign-reviewer.command';

@CommandHandler(AssignReviewerCommand)
export class AssignReviewerHandler implements ICommandHandler<AssignReviewerCommand, CaseCommandResult> {
  constructor(
    private readonly cases: CaseChanges,
    @Inject(ActorDirectory) private readonly actors: Pick<ActorDirectory, 'isActiveKeyWithRole'>,
  ) {}

  async execute(command: AssignReviewerCommand): Promise<CaseCommandResult> {
    // Another tenant's case is not found before anything is said about the reviewer.
    if (!(await this.cases.summary(command.tenantId, command.caseId))) throw new CaseNotFound(command.caseId);
    // The reviewer is a live key of this tenant's research-security office.
    if (!(await this.actors.isActiveKeyWithRole(command.tenantId, command.reviewerKeyId, 'rso'))) {
      throw new DomainError('REVIEW.UNKNOWN_REVIEWER', 'reviewerKeyId: must be an active API key of this tenant with the rso role.', 'unprocessable', {
        errors: [{ field: 'reviewerKeyId', reason: 'must be an active API key of this tenant with the rso role' }],
      });
    }
    return this.cases.change(command.tenantId, command.caseId, command.actor, (current) => assignReviewer(current, command.reviewerKeyId), command.expectedVersion);
  }
}
