import type { MitigationPlan, ScreeningSummary } from '../../../domain/case-workflow';
import { integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { CompleteMeasureCommand } from './complete-measure.command';
import { CompleteMeasureHandler } from './complete-measure.handler';

const NOW = new Date('2026-03-20T09:00:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-2', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const agreedPlan: MitigationPlan = {
  id: 'plan-1',
  caseVersion: 1,
  status: 'agreed',
  proposedBy: 'reviewer-1',
  proposedAt: '2026-03-02T10:00:00.000Z',
  agreedBy: 'key-1',
  agreedAt: '2026-03-04T12:00:00.000Z',
  measures: [
    {
      id: 'm-1',
      measure: 'MIT-03',
      strength: 'required',
      owner: 'research office',
      dueInDays: 30,
      dueAt: '2026-04-03T12:00:00.000Z',
      evidenceExpected: 'signed data-access agreement',
      legalBasis: null,
      status: 'pending',
      completion: null,
      overdueAt: null,
    },
  ],
};

const signedAgreement = { reference: 'dms://agreements/481', sha256: 'ab'.repeat(32) };

describe('CompleteMeasureHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('completes the named measure with the evidence and document, by the caller, now', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { mitigationPlan: agreedPlan }, { state: 'mitigation' }));
    const handler = new CompleteMeasureHandler(runner);
    const result = await handler.execute(new CompleteMeasureCommand('tenant-1', 'case-1', 'm-1', 'Agreement signed on 18 March.', signedAgreement, integratorActor, 8));
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'MeasureCompleted',
        payload: { caseVersion: 1, planId: 'plan-1', measureId: 'm-1', measure: 'MIT-03', evidence: 'Agreement signed on 18 March.', document: signedAgreement, late: false },
      },
    ]);
    expect(runner.decisions[0].next.workflow.mitigationPlan?.measures[0]).toMatchObject({
      status: 'completed',
      completion: { evidence: 'Agreement signed on 18 March.', document: signedAgreement, by: 'key-1', at: NOW.toISOString() },
    });
    expect(result).toEqual({ id: 'case-1', state: 'mitigation', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([8]);
  });

  it('refuses a measure id the plan does not have, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { mitigationPlan: agreedPlan }, { state: 'mitigation' }));
    const handler = new CompleteMeasureHandler(runner);
    await expect(handler.execute(new CompleteMeasureCommand('tenant-1', 'case-1', 'm-9', 'Done.', null, integratorActor))).rejects.toMatchObject({
      code: 'MITIGATION.NO_MEASURE',
    });
    expect(runner.decisions).toEqual([]);
  });
});
