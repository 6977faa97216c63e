import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import { adjudicateListHit, ListHit } from '../../../domain/case-lifecycle';
import { CaseCommandResult, CaseChanges } from '../../case-command-runner';
import { AdjudicateListHitCommand } from './adjudicate-list-hit.command';

interface StoredFinding {
  id: string;
  rule: string;
  subject: string;
  evidence?: { listId?: unknown; entryId?: unknown; entryLastChange?: unknown };
}

@CommandHandler(AdjudicateListHitCommand)
export class AdjudicateListHitHandler implements ICommandHandler<AdjudicateListHitCommand, CaseCommandResult> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: CaseChanges,
  ) {}

  async execute(command: AdjudicateListHitCommand): Promise<CaseCommandResult> {
    const hit = await this.findHit(command.tenantId, command.caseId, command.hitId);
    return this.runner.change(
      command.tenantId,
      command.caseId,
      command.actor,
      (current) => adjudicateListHit(current, hit, command.decision, command.reason),
      command.expectedVersion,
    );
  }

  /** The hit must be a list finding of the case's latest assessment. */
  private async findHit(tenantId: string, caseId: string, hitId: string): Promise<ListHit> {
    const rows: { finding: StoredFinding }[] = await this.dataSource.query(
      `SELECT f AS finding FROM (SELECT findings FROM assessments WHERE tenant_id = $1 AND case_id = $2 ORDER BY sequence DESC LIMIT 1) a,
              jsonb_array_elements(a.findings) f
        WHERE f->>'id' = $3`,
      [tenantId, caseId, hitId],
    );
    const finding = rows[0]?.finding;
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
