import { SYSTEM_ACTOR } from '@ajar/observability';
import { submitCase } from '../../../domain/case-lifecycle';
import { caseContent, certifiedDisclosure } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { RecordScreeningFailureCommand } from './record-screening-failure.command';
import { RecordScreeningFailureHandler } from './record-screening-failure.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');

describe('RecordScreeningFailureHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('records ScreeningFailed now, as the system, and leaves the case in screening_failed', async () => {
    const runner = new RecordingCaseRunner(submitCase('case-1', caseContent(['p1']), { p1: certifiedDisclosure }).next);
    const handler = new RecordScreeningFailureHandler(runner);
    const result = await handler.execute(
      new RecordScreeningFailureCommand('tenant-1', 'case-1', { caseVersion: 1, code: 'SCREENING.ENGINE_FAILED', message: 'rule RS-L-001 threw', attempts: 8 }, SYSTEM_ACTOR),
    );
    expect(result).toEqual({ id: 'case-1', state: 'screening_failed', caseVersion: 1, version: 1 });
    expect(runner.decisions[0].events).toEqual([{ type: 'ScreeningFailed', payload: { caseVersion: 1, code: 'SCREENING.ENGINE_FAILED', message: 'rule RS-L-001 threw', attempts: 8 } }]);
    expect(runner.decisions[0].next.workflow.screeningFailure?.failedAt).toBe('2026-03-02T10:00:00.000Z');
  });

  it('refuses a failure of a case no longer in screening, and records nothing', async () => {
    const runner = new RecordingCaseRunner(submitCase('case-1', caseContent(['p1']), {}).next);
    const handler = new RecordScreeningFailureHandler(runner);
    await expect(
      handler.execute(new RecordScreeningFailureCommand('tenant-1', 'case-1', { caseVersion: 1, code: 'SCREENING.FAILED', message: 'x', attempts: 8 }, SYSTEM_ACTOR)),
    ).rejects.toMatchObject({ code: 'CASE.ILLEGAL_TRANSITION' });
    expect(runner.decisions).toEqual([]);
  });
});
