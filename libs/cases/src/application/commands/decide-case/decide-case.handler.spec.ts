import type { DecisionWindows } from '../../../domain/case-review';
import type { ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import type { DecisionPolicy } from '../../decision-policy';
import { DecideCaseCommand } from './decide-case.command';
import { DecideCaseHandler } from './decide-case.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };
const approverActor = { kind: 'api_key' as const, id: 'approver-1', tenantId: 'tenant-1', roles: ['approver'] };

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

const windows: DecisionWindows = { responseWindowDays: 14, appealWindowDays: 30 };

describe('DecideCaseHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('records a favourable decision on a medium-risk case at once, with the command\'s terms and a new decision id', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { policy, asked } = policyWith(windows);
    const handler = new DecideCaseHandler(runner, policy);
    const result = await handler.execute(
      new DecideCaseCommand('tenant-1', 'case-1', 'proceed', ['RS-C-001'], 'The risk is acceptable.', ['annual report to the RSO'], approverActor, 2),
    );
    expect(asked).toEqual([['tenant-1', 'case-1']]);
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'DecisionRecorded',
        payload: {
          caseVersion: 1,
          decisionId: expect.stringMatching(UUID_V7),
          outcome: 'proceed',
          reasonCodes: ['RS-C-001'],
          rationale: 'The risk is acceptable.',
          conditions: ['annual report to the RSO'],
          approvers: ['approver-1'],
          assessmentId: 'a-1',
          final: true,
          responseDueAt: null,
        },
      },
    ]);
    expect(runner.decisions[0].next.workflow.decision).toMatchObject({ status: 'final', proposedAt: NOW.toISOString(), finalAt: NOW.toISOString() });
    expect(result).toEqual({ id: 'case-1', state: 'monitoring', caseVersion: 1, version: 1, decisionId: runner.decisions[0].next.workflow.decision?.id });
    expect(runner.expectedVersions).toEqual([2]);
  });

  it('proposes an adverse decision by the caller for a second approver', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new DecideCaseHandler(runner, policyWith(windows).policy);
    const result = await handler.execute(new DecideCaseCommand('tenant-1', 'case-1', 'declined', ['RS-C-001'], 'Unmitigable.', [], approverActor));
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'DecisionProposed',
        payload: { caseVersion: 1, decisionId: expect.stringMatching(UUID_V7), outcome: 'declined', reasonCodes: ['RS-C-001'], proposedBy: 'approver-1' },
      },
    ]);
    expect(result.state).toBe('in_review');
    expect(runner.expectedVersions).toEqual([undefined]);
  });

  it('gives every decision its own id', async () => {
    const decisionIds: unknown[] = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const runner = new RecordingCaseRunner(reviewSnapshot(screening));
      const handler = new DecideCaseHandler(runner, policyWith(windows).policy);
      await handler.execute(new DecideCaseCommand('tenant-1', 'case-1', 'proceed', [], 'Fine.', [], approverActor));
      decisionIds.push(runner.decisions[0].events[0].payload.decisionId);
    }
    expect(new Set(decisionIds).size).toBe(2);
  });
});
