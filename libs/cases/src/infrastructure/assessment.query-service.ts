import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AssessmentOrmEntity } from './persistence/assessment.orm-entity';

/** A finding as the engine stored it in an assessment. */
export interface StoredAssessmentFinding {
  id: string;
  rule: string;
  subject: string;
  evidence?: { listId?: unknown; entryId?: unknown; entryLastChange?: unknown };
}

/** Reads of a case's assessments, always within the tenant. */
@Injectable()
export class AssessmentQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The case's assessments, newest first; only the latest with `latestOnly`. */
  async ofCase(tenantId: string, caseId: string, latestOnly: boolean): Promise<AssessmentOrmEntity[]> {
    return this.dataSource.getRepository(AssessmentOrmEntity).find({
      where: { tenantId, caseId },
      order: { sequence: 'DESC' },
      ...(latestOnly ? { take: 1 } : {}),
    });
  }

  async byId(tenantId: string, caseId: string, assessmentId: string): Promise<AssessmentOrmEntity | null> {
    return this.dataSource.getRepository(AssessmentOrmEntity).findOne({ where: { tenantId, caseId, id: assessmentId } });
  }

  /** One finding of the case's latest assessment, by its id; null if that assessment has none such. */
  async findingOfLatest(tenantId: string, caseId: string, findingId: string): Promise<StoredAssessmentFinding | null> {
    // Raw SQL: the finding is picked out of the assessment's JSON array by PostgreSQL.
    const rows: { finding: StoredAssessmentFinding }[] = await this.dataSource.query(
      `SELECT f AS finding FROM (SELECT findings FROM assessments WHERE tenant_id = $1 AND case_id = $2 ORDER BY sequence DESC LIMIT 1) a,
              jsonb_array_elements(a.findings) f
        WHERE f->>'id' = $3`,
      [tenantId, caseId, findingId],
    );
    return rows[0]?.finding ?? null;
  }
}
