import type { EscalationTarget, ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import type { DecisionPolicy } from '../../decision-policy';
import { RequestInformationCommand } from './request-information.command';
import { RequestInformationHandler } from './request-information.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };
const reviewerActor = { kind: 'api_key' as const, id: 'reviewer-1', tenantId: 'tenant-1', roles: ['rso'] };
const slaDays: Record<EscalationTarget, number> = { ethics_committee: 10, national_advisor: 21, export_control: 15, legal: 5 };

/** A policy that answers only the due times, and records which case it was asked about. */
function policyWithInformationRequestDays(informationRequestDays: number): { policy: Pick<DecisionPolicy, 'dueTimesFor'>; asked: [string, string][] } {
  const asked: [string, string][] = [];
  const policy: Pick<DecisionPolicy, 'dueTimesFor'> = {
    dueTimesFor: async (tenantId: string, caseId: string) => {
      asked.push([tenantId, caseId]);
      return { slaDays, informationRequestDays };
    },
  };
  return { policy, asked };
}

describe('RequestInformationHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('asks the question under a new request id, due after the policy\'s information request days', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const { policy, asked } = policyWithInformationRequestDays(7);
    const handler = new RequestInformationHandler(runner, policy);
    const result = await handler.execute(new RequestInformationCommand('tenant-1', 'case-1', 'Who funds the partner?', reviewerActor, 2));
    expect(asked).toEqual([['tenant-1', 'case-1']]);
    expect(runner.decisions[0].events).toEqual([
      {
        type: 'InformationRequested',
        payload: { caseVersion: 1, requestId: expect.stringMatching(UUID_V7), question: 'Who funds the partner?', dueAt: '2026-03-09T10:00:00.000Z' },
      },
    ]);
    expect(runner.decisions[0].next.workflow.informationRequests[0]).toMatchObject({ requestedBy: 'reviewer-1', requestedAt: NOW.toISOString(), status: 'open' });
    expect(result).toEqual({ id: 'case-1', state: 'in_review', caseVersion: 1, version: 1, requestId: runner.decisions[0].events[0].payload.requestId });
    expect(runner.expectedVersions).toEqual([2]);
  });

  it('gives every request its own id', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new RequestInformationHandler(runner, policyWithInformationRequestDays(7).policy);
    await handler.execute(new RequestInformationCommand('tenant-1', 'case-1', 'Who funds the partner?', reviewerActor));
    await handler.execute(new RequestInformationCommand('tenant-1', 'case-1', 'Who owns the partner?', reviewerActor));
    const requestIds = runner.decisions[1].next.workflow.informationRequests.map((request) => request.id);
    expect(requestIds).toHaveLength(2);
    expect(requestIds[0]).not.toBe(requestIds[1]);
  });
});
