import type { EscalationRecord, ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { WithdrawEscalationCommand } from './withdraw-escalation.command';
import { WithdrawEscalationHandler } from './withdraw-escalation.handler';

const NOW = new Date('2026-03-05T09:15:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'escalate', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: ['legal'] };
const reviewerActor = { kind: 'api_key' as const, id: 'reviewer-1', tenantId: 'tenant-1', roles: ['rso'] };

const openEscalation: EscalationRecord = {
  id: 'esc-1',
  target: 'legal',
  question: 'Is the contract sound?',
  advisorTenantId: null,
  recommendedBy: null,
  ruleCodes: [],
  requestedBy: 'reviewer-1',
  requestedAt: '2026-03-02T10:00:00.000Z',
  dueAt: '2026-03-07T10:00:00.000Z',
  status: 'open',
  advice: null,
  overdueAt: null,
  closedAt: null,
};

function escalated() {
  return reviewSnapshot(screening, { escalations: [openEscalation] }, { state: 'escalated' });
}

describe('WithdrawEscalationHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('withdraws the named escalation with the reason, closed now, and the case returns to review', async () => {
    const runner = new RecordingCaseRunner(escalated());
    const handler = new WithdrawEscalationHandler(runner);
    const result = await handler.execute(new WithdrawEscalationCommand('tenant-1', 'case-1', 'esc-1', 'Answered by the contract office.', reviewerActor, 3));
    expect(runner.decisions[0].events).toEqual([
      { type: 'EscalationWithdrawn', payload: { caseVersion: 1, escalationId: 'esc-1', target: 'legal', reason: 'Answered by the contract office.' } },
    ]);
    expect(runner.decisions[0].next.workflow.escalations).toEqual([{ ...openEscalation, status: 'withdrawn', closedAt: NOW.toISOString() }]);
    expect(result).toEqual({ id: 'case-1', state: 'in_review', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([3]);
  });

  it('refuses an escalation id the case does not have, and records nothing', async () => {
    const runner = new RecordingCaseRunner(escalated());
    const handler = new WithdrawEscalationHandler(runner);
    await expect(handler.execute(new WithdrawEscalationCommand('tenant-1', 'case-1', 'esc-9', 'Not needed.', reviewerActor))).rejects.toMatchObject({
      code: 'ESCALATION.NOT_FOUND',
    });
    expect(runner.decisions).toEqual([]);
  });
});
