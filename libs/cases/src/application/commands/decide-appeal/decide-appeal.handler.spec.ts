import type { AppealRecord, DecisionRecord, ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { DecideAppealCommand } from './decide-appeal.command';
import { DecideAppealHandler } from './decide-appeal.handler';

const NOW = new Date('2026-04-10T10:00:00.000Z');

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

const openAppeal: AppealRecord = {
  id: 'appeal-1',
  decisionId: 'd-1',
  grounds: 'The partner was confused with a listed entity.',
  lodgedBy: 'key-1',
  lodgedAt: '2026-03-20T10:00:00.000Z',
  status: 'open',
  result: null,
  decidedBy: null,
  rationale: null,
  decidedAt: null,
};

function appealed() {
  return reviewSnapshot(screening, { decision: finalDecline, appeal: openAppeal }, { state: 'decided' });
}

function approverActor(id: string): { kind: 'api_key'; id: string; tenantId: string; roles: string[] } {
  return { kind: 'api_key', id, tenantId: 'tenant-1', roles: ['approver'] };
}

describe('DecideAppealHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('upholds the decision with the rationale, decided by the caller, now', async () => {
    const runner = new RecordingCaseRunner(appealed());
    const handler = new DecideAppealHandler(runner);
    const result = await handler.execute(new DecideAppealCommand('tenant-1', 'case-1', 'upheld', 'The listing matches the partner.', approverActor('approver-3'), 9));
    expect(runner.decisions[0].events).toEqual([
      { type: 'AppealDecided', payload: { caseVersion: 1, appealId: 'appeal-1', decisionId: 'd-1', outcome: 'upheld', rationale: 'The listing matches the partner.' } },
    ]);
    expect(runner.decisions[0].next.workflow.appeal).toEqual({
      ...openAppeal,
      status: 'decided',
      result: 'upheld',
      decidedBy: 'approver-3',
      rationale: 'The listing matches the partner.',
      decidedAt: NOW.toISOString(),
    });
    expect(result).toEqual({ id: 'case-1', state: 'decided', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([9]);
  });

  it('overturned, sends the case back to review and keeps the decision among the earlier ones', async () => {
    const runner = new RecordingCaseRunner(appealed());
    const handler = new DecideAppealHandler(runner);
    const result = await handler.execute(new DecideAppealCommand('tenant-1', 'case-1', 'overturned', 'A different entity.', approverActor('approver-3')));
    expect(result.state).toBe('in_review');
    expect(runner.decisions[0].next.workflow).toMatchObject({ decision: null, earlierDecisions: [finalDecline] });
    expect(runner.expectedVersions).toEqual([undefined]);
  });

  it('refuses an approver of the decision under appeal, and records nothing', async () => {
    const runner = new RecordingCaseRunner(appealed());
    const handler = new DecideAppealHandler(runner);
    await expect(handler.execute(new DecideAppealCommand('tenant-1', 'case-1', 'upheld', 'Still right.', approverActor('approver-1')))).rejects.toMatchObject({
      code: 'APPEAL.NOT_INDEPENDENT',
      kind: 'forbidden',
    });
    expect(runner.decisions).toEqual([]);
  });
});
