import type { ProposedMeasure } from '../../../domain/case-mitigation';
import type { ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { ProposeMitigationPlanCommand } from './propose-mitigation-plan.command';
import { ProposeMitigationPlanHandler } from './propose-mitigation-plan.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };
const reviewerActor = { kind: 'api_key' as const, id: 'reviewer-1', tenantId: 'tenant-1', roles: ['rso'] };

const measures: Omit<ProposedMeasure, 'measureId'>[] = [
  { measure: 'MIT-03', strength: 'required', owner: 'research office', dueInDays: 30, evidenceExpected: 'signed data-access agreement' },
  { measure: 'MIT-15', strength: 'required', owner: 'PI', dueInDays: 10, evidenceExpected: 'licence decision', legalBasis: 'Regulation (EU) 2021/821, Annex I' },
];

describe('ProposeMitigationPlanHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('proposes the measures as given, each under a new id in a plan with its own new id, by the caller, now', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new ProposeMitigationPlanHandler(runner);
    const result = await handler.execute(new ProposeMitigationPlanCommand('tenant-1', 'case-1', measures, reviewerActor, 3));
    const [proposed] = runner.decisions[0].events;
    expect(proposed).toEqual({
      type: 'MitigationPlanProposed',
      payload: {
        caseVersion: 1,
        planId: expect.stringMatching(UUID_V7),
        measures: [
          { ...measures[0], measureId: expect.stringMatching(UUID_V7), legalBasis: null },
          { ...measures[1], measureId: expect.stringMatching(UUID_V7) },
        ],
      },
    });
    const plan = runner.decisions[0].next.workflow.mitigationPlan;
    const ids = [plan?.id, ...(plan?.measures.map((measure) => measure.id) ?? [])];
    expect(new Set(ids).size).toBe(3);
    expect(plan).toMatchObject({ id: proposed.payload.planId, status: 'proposed', proposedBy: 'reviewer-1', proposedAt: NOW.toISOString() });
    expect(result).toEqual({ id: 'case-1', state: 'mitigation', caseVersion: 1, version: 1, planId: proposed.payload.planId, measureIds: plan?.measures.map((measure) => measure.id) });
    expect(runner.expectedVersions).toEqual([3]);
  });

  it('replaces a plan still only proposed with one under a new id', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new ProposeMitigationPlanHandler(runner);
    await handler.execute(new ProposeMitigationPlanCommand('tenant-1', 'case-1', measures, reviewerActor));
    await handler.execute(new ProposeMitigationPlanCommand('tenant-1', 'case-1', measures.slice(0, 1), reviewerActor));
    const [first, second] = runner.decisions.map((decision) => decision.next.workflow.mitigationPlan);
    expect(second?.id).not.toBe(first?.id);
    expect(second?.measures.map((measure) => measure.measure)).toEqual(['MIT-03']);
    expect(runner.expectedVersions).toEqual([undefined, undefined]);
  });
});
