import type { DecisionRecord, ScreeningSummary } from '../../../domain/case-workflow';
import { integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { RespondToDecisionCommand } from './respond-to-decision.command';
import { RespondToDecisionHandler } from './respond-to-decision.handler';

const NOW = new Date('2026-03-05T10:00:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const declineInResponseWindow: DecisionRecord = {
  id: 'd-1',
  caseVersion: 1,
  assessmentId: 'a-1',
  outcome: 'declined',
  reasonCodes: ['RS-C-001'],
  rationale: 'The counterparty risk cannot be mitigated.',
  conditions: [],
  approvers: ['approver-1', 'approver-2'],
  status: 'response_window',
  proposedAt: '2026-03-01T10:00:00.000Z',
  recordedAt: '2026-03-02T10:00:00.000Z',
  responseDueAt: '2026-03-16T10:00:00.000Z',
  applicantResponse: null,
  finalAt: null,
  appealDueAt: null,
};

function decided() {
  return reviewSnapshot(screening, { decision: declineInResponseWindow }, { state: 'decided' });
}

describe('RespondToDecisionHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('records the applicant\'s response on the decision, by the caller, now', async () => {
    const runner = new RecordingCaseRunner(decided());
    const handler = new RespondToDecisionHandler(runner);
    const result = await handler.execute(new RespondToDecisionCommand('tenant-1', 'case-1', 'The partner has cut its ties.', integratorActor, 5));
    expect(runner.decisions[0].events).toEqual([
      { type: 'ApplicantResponded', payload: { caseVersion: 1, decisionId: 'd-1', response: 'The partner has cut its ties.' } },
    ]);
    expect(runner.decisions[0].next.workflow.decision?.applicantResponse).toEqual({ text: 'The partner has cut its ties.', at: NOW.toISOString(), by: 'key-1' });
    expect(result).toEqual({ id: 'case-1', state: 'decided', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([5]);
  });

  it('judges the response window by the current time: after it closed, refuses and records nothing', async () => {
    jest.setSystemTime(new Date('2026-03-16T10:00:01.000Z'));
    const runner = new RecordingCaseRunner(decided());
    const handler = new RespondToDecisionHandler(runner);
    await expect(handler.execute(new RespondToDecisionCommand('tenant-1', 'case-1', 'Too late.', integratorActor))).rejects.toMatchObject({
      code: 'DECISION.RESPONSE_WINDOW_CLOSED',
    });
    expect(runner.decisions).toEqual([]);
  });
});
