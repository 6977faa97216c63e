import type { MitigationMeasure, MitigationPlan, ScreeningSummary } from '../../../domain/case-workflow';
import { integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { AgreeMitigationPlanCommand } from './agree-mitigation-plan.command';
import { AgreeMitigationPlanHandler } from './agree-mitigation-plan.handler';

const NOW = new Date('2026-03-04T12:00:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const measure: MitigationMeasure = {
  id: 'm-1',
  measure: 'MIT-03',
  strength: 'required',
  owner: 'research office',
  dueInDays: 30,
  dueAt: null,
  evidenceExpected: 'signed data-access agreement',
  legalBasis: null,
  status: 'pending',
  completion: null,
  overdueAt: null,
};

const proposedPlan: MitigationPlan = {
  id: 'plan-1',
  caseVersion: 1,
  status: 'proposed',
  proposedBy: 'reviewer-1',
  proposedAt: '2026-03-02T10:00:00.000Z',
  agreedBy: null,
  agreedAt: null,
  measures: [measure],
};

describe('AgreeMitigationPlanHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('agrees the named plan as the caller, now: measures fall due from today and the case is screened again', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { mitigationPlan: proposedPlan }, { state: 'mitigation' }));
    const handler = new AgreeMitigationPlanHandler(runner);
    const result = await handler.execute(new AgreeMitigationPlanCommand('tenant-1', 'case-1', 'plan-1', integratorActor, 6));
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'MitigationPlanAgreed',
        payload: { caseVersion: 1, planId: 'plan-1', measures: [{ measureId: 'm-1', measure: 'MIT-03', strength: 'required', dueAt: '2026-04-03T12:00:00.000Z' }] },
      },
      { type: 'ScreeningRequested', payload: { caseVersion: 1, reason: 'mitigation plan agreed' } },
    ]);
    expect(runner.decisions[0].next.workflow.mitigationPlan).toMatchObject({ status: 'agreed', agreedBy: 'key-1', agreedAt: NOW.toISOString() });
    expect(result).toEqual({ id: 'case-1', state: 'screening', caseVersion: 1, version: 2 });
    expect(runner.expectedVersions).toEqual([6]);
  });

  it('refuses a plan id the case does not have, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { mitigationPlan: proposedPlan }, { state: 'mitigation' }));
    const handler = new AgreeMitigationPlanHandler(runner);
    await expect(handler.execute(new AgreeMitigationPlanCommand('tenant-1', 'case-1', 'plan-2', integratorActor))).rejects.toMatchObject({ code: 'MITIGATION.NO_PLAN' });
    expect(runner.decisions).toEqual([]);
  });
});
