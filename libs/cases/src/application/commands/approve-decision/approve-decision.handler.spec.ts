import type { DecisionWindows } from '../../../domain/case-review';
import type { DecisionRecord, ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import type { DecisionPolicy } from '../../decision-policy';
import { ApproveDecisionCommand } from './approve-decision.command';
import { ApproveDecisionHandler } from './approve-decision.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const proposedDecline: DecisionRecord = {
  id: 'd-1',
  caseVersion: 1,
  assessmentId: 'a-1',
  outcome: 'declined',
  reasonCodes: ['RS-C-001'],
  rationale: 'The counterparty risk cannot be mitigated.',
  conditions: [],
  approvers: ['approver-1'],
  status: 'awaiting_second_approval',
  proposedAt: '2026-03-01T10:00:00.000Z',
  recordedAt: null,
  responseDueAt: null,
  applicantResponse: null,
  finalAt: null,
  appealDueAt: null,
};

function approverActor(id: string): { kind: 'api_key'; id: string; tenantId: string; roles: string[] } {
  return { kind: 'api_key', id, tenantId: 'tenant-1', roles: ['approver'] };
}

/** A policy that answers only the decision windows, and records which case it was asked about. */
function policyWith(windows: DecisionWindows): { policy: Pick<DecisionPolicy, 'windowsFor'>; asked: [string, string][] } {
  const asked: [string, string][] = [];
  const policy: Pick<DecisionPolicy, 'windowsFor'> = {
    windowsFor: async (tenantId: string, caseId: string): Promise<DecisionWindows> => {
      asked.push([tenantId, caseId]);
      return windows;
    },
  };
  return { policy, asked };
}

describe('ApproveDecisionHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('records the decision with the caller as second approver and the policy\'s response window from now', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { decision: proposedDecline }));
    const { policy, asked } = policyWith({ responseWindowDays: 10, appealWindowDays: 30 });
    const handler = new ApproveDecisionHandler(runner, policy);
    const result = await handler.execute(new ApproveDecisionCommand('tenant-1', 'case-1', approverActor('approver-2'), 3));
    expect(asked).toEqual([['tenant-1', 'case-1']]);
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'DecisionRecorded',
        payload: {
          caseVersion: 1,
          decisionId: 'd-1',
          outcome: 'declined',
          reasonCodes: ['RS-C-001'],
          rationale: 'The counterparty risk cannot be mitigated.',
          conditions: [],
          approvers: ['approver-1', 'approver-2'],
          assessmentId: 'a-1',
          final: false,
          responseDueAt: '2026-03-12T10:00:00.000Z',
        },
      },
    ]);
    expect(result).toEqual({ id: 'case-1', state: 'decided', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([3]);
  });

  it('refuses the approver who proposed the decision, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { decision: proposedDecline }));
    const handler = new ApproveDecisionHandler(runner, policyWith({ responseWindowDays: 10, appealWindowDays: 30 }).policy);
    await expect(handler.execute(new ApproveDecisionCommand('tenant-1', 'case-1', approverActor('approver-1')))).rejects.toMatchObject({
      code: 'DECISION.FOUR_EYES',
      kind: 'forbidden',
    });
    expect(runner.decisions).toEqual([]);
  });
});
