import type { DecisionRecord, ScreeningSummary } from '../../../domain/case-workflow';
import { integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { LodgeAppealCommand } from './lodge-appeal.command';
import { LodgeAppealHandler } from './lodge-appeal.handler';

const NOW = new Date('2026-03-20T10:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const finalDecline: DecisionRecord = {
  id: 'd-1',
  caseVersion: 1,
  assessmentId: 'a-1',
  outcome: 'declined',
  reasonCodes: ['RS-C-001'],
  rationale: 'The counterparty risk cannot be mitigated.',
  conditions: [],
  approvers: ['approver-1', 'approver-2'],
  status: 'final',
  proposedAt: '2026-03-01T10:00:00.000Z',
  recordedAt: '2026-03-02T10:00:00.000Z',
  responseDueAt: '2026-03-16T10:00:00.000Z',
  applicantResponse: null,
  finalAt: '2026-03-16T10:00:00.000Z',
  appealDueAt: '2026-04-15T10:00:00.000Z',
};

describe('LodgeAppealHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('lodges the grounds under a new appeal id, by the caller, now', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { decision: finalDecline }, { state: 'decided' }));
    const handler = new LodgeAppealHandler(runner);
    const result = await handler.execute(new LodgeAppealCommand('tenant-1', 'case-1', 'The partner was confused with a listed entity.', integratorActor, 4));
    const [lodged] = runner.decisions[0].events;
    expect(lodged).toEqual({
      type: 'AppealLodged',
      payload: { caseVersion: 1, appealId: expect.stringMatching(UUID_V7), decisionId: 'd-1', grounds: 'The partner was confused with a listed entity.' },
    });
    expect(runner.decisions[0].next.workflow.appeal).toMatchObject({ id: lodged.payload.appealId, lodgedBy: 'key-1', lodgedAt: NOW.toISOString(), status: 'open' });
    expect(result).toEqual({ id: 'case-1', state: 'decided', caseVersion: 1, version: 1, appealId: lodged.payload.appealId });
    expect(runner.expectedVersions).toEqual([4]);
  });

  it('judges the appeal window by the current time: after it closed, refuses and records nothing', async () => {
    jest.setSystemTime(new Date('2026-04-15T10:00:01.000Z'));
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { decision: finalDecline }, { state: 'decided' }));
    const handler = new LodgeAppealHandler(runner);
    await expect(handler.execute(new LodgeAppealCommand('tenant-1', 'case-1', 'Late grounds.', integratorActor))).rejects.toMatchObject({
      code: 'APPEAL.WINDOW_CLOSED',
    });
    expect(runner.decisions).toEqual([]);
  });
});
