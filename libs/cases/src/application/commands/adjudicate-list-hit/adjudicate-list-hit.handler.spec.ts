import type { AssessmentQueryService } from '../../../infrastructure/assessment.query-service';
import type { ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { AdjudicateListHitCommand } from './adjudicate-list-hit.command';
import { AdjudicateListHitHandler } from './adjudicate-list-hit.handler';

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'review', research: 'R1', ruleCodes: ['RS-L-001'], escalationTargets: [] };
const reviewerActor = { kind: 'api_key' as const, id: 'reviewer-1', tenantId: 'tenant-1', roles: ['rso'] };

interface StoredFinding {
  id: string;
  rule: string;
  subject: string;
  evidence?: Record<string, unknown>;
}

const sanctionsHit: StoredFinding = {
  id: 'f-1',
  rule: 'RS-L-001',
  subject: 'Acme Photonics B.V.',
  evidence: { listId: 'eu-consolidated', entryId: 'EU.1234', entryLastChange: '2026-01-15', status: 'pending' },
};

type LatestFindings = Pick<AssessmentQueryService, 'findingOfLatest'>;

/** A latest assessment holding the given findings; records each lookup's parameters. */
function assessmentWith(findings: StoredFinding[]): { assessments: LatestFindings; lookups: unknown[][] } {
  const lookups: unknown[][] = [];
  const assessments: LatestFindings = {
    findingOfLatest: async (tenantId, caseId, findingId) => {
      lookups.push([tenantId, caseId, findingId]);
      return findings.find((finding) => finding.id === findingId) ?? null;
    },
  };
  return { assessments, lookups };
}

describe('AdjudicateListHitHandler', () => {
  it('adjudicates the finding of the latest assessment with the decision and reason, and screens again', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { assessments, lookups } = assessmentWith([sanctionsHit]);
    const handler = new AdjudicateListHitHandler(assessments, runner);
    const result = await handler.execute(new AdjudicateListHitCommand('tenant-1', 'case-1', 'f-1', 'false_positive', 'different date of birth', reviewerActor, 4));
    expect(lookups).toEqual([['tenant-1', 'case-1', 'f-1']]);
    expect(runner.decisions[0].events[0]).toEqual({
      type: 'ListHitAdjudicated',
      payload: {
        caseVersion: 1,
        hitId: 'f-1',
        rule: 'RS-L-001',
        subject: 'Acme Photonics B.V.',
        listId: 'eu-consolidated',
        entryId: 'EU.1234',
        decision: 'false_positive',
        entryLastChange: '2026-01-15',
        reason: 'different date of birth',
      },
    });
    expect(result).toEqual({ id: 'case-1', state: 'screening', caseVersion: 1, version: 2 });
    expect(runner.expectedVersions).toEqual([4]);
  });

  it('leaves the entry\'s last change out of the adjudication when the evidence has none', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { assessments } = assessmentWith([{ ...sanctionsHit, evidence: { listId: 'eu-consolidated', entryId: 'EU.1234', entryLastChange: null } }]);
    const handler = new AdjudicateListHitHandler(assessments, runner);
    await handler.execute(new AdjudicateListHitCommand('tenant-1', 'case-1', 'f-1', 'confirmed', 'same person', reviewerActor));
    expect(runner.decisions[0].next.adjudications).toEqual([{ subject: 'Acme Photonics B.V.', listId: 'eu-consolidated', entryId: 'EU.1234', decision: 'confirmed' }]);
    expect(runner.expectedVersions).toEqual([undefined]);
  });

  it('refuses a hit id the latest assessment does not have, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new AdjudicateListHitHandler(assessmentWith([]).assessments, runner);
    await expect(handler.execute(new AdjudicateListHitCommand('tenant-1', 'case-1', 'f-9', 'confirmed', 'same person', reviewerActor))).rejects.toMatchObject({
      code: 'LIST_HIT.NOT_FOUND',
      kind: 'not_found',
    });
    expect(runner.decisions).toEqual([]);
  });

  it('refuses a finding that names no list entry, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const topicFinding: StoredFinding = { id: 'f-2', rule: 'RS-T-004', subject: 'Quantum sensing with Acme', evidence: { topic: 'quantum sensing' } };
    const handler = new AdjudicateListHitHandler(assessmentWith([topicFinding]).assessments, runner);
    await expect(handler.execute(new AdjudicateListHitCommand('tenant-1', 'case-1', 'f-2', 'false_positive', 'not a match', reviewerActor))).rejects.toMatchObject({
      code: 'LIST_HIT.NOT_A_LIST_HIT',
      kind: 'unprocessable',
      details: { errors: [{ field: 'hitId', reason: 'not a list hit' }] },
    });
    expect(runner.decisions).toEqual([]);
  });
});
