import type { ScreeningSummary } from '../../../domain/case-workflow';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { RecordSecurityJudgementCommand } from './record-security-judgement.command';
import { RecordSecurityJudgementHandler } from './record-security-judgement.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'high', route: 'review', research: 'R2', ruleCodes: ['RS-T-004'], escalationTargets: [] };

function rsoActor(id: string): { kind: 'api_key'; id: string; tenantId: string; roles: string[] } {
  return { kind: 'api_key', id, tenantId: 'tenant-1', roles: ['rso'] };
}

describe('RecordSecurityJudgementHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('records the assigned reviewer\'s judgement and rationale, now, for the current case version', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new RecordSecurityJudgementHandler(runner);
    const result = await handler.execute(new RecordSecurityJudgementCommand('tenant-1', 'case-1', 'possible', 'Sensors could guide munitions.', rsoActor('reviewer-1'), 2));
    const judgement = { foreseeableApplication: 'possible', rationale: 'Sensors could guide munitions.', by: 'reviewer-1', at: NOW.toISOString(), caseVersion: 1 };
    expect(runner.decisions[0].events).toEqual([{ type: 'SecurityApplicationJudged', payload: { rule: 'RS-T-008', ...judgement } }]);
    expect(runner.decisions[0].next.workflow.securityJudgement).toEqual(judgement);
    expect(result).toEqual({ id: 'case-1', state: 'in_review', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([2]);
  });

  it('refuses a caller who is not the assigned reviewer, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening));
    const handler = new RecordSecurityJudgementHandler(runner);
    await expect(handler.execute(new RecordSecurityJudgementCommand('tenant-1', 'case-1', 'none', 'Basic research.', rsoActor('reviewer-2')))).rejects.toMatchObject({
      code: 'REVIEW.NOT_THE_REVIEWER',
      kind: 'forbidden',
    });
    expect(runner.decisions).toEqual([]);
  });
});
