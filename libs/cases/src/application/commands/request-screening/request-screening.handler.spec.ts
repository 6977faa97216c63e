import { submitCase } from '../../../domain/case-lifecycle';
import { recordScreeningFailure } from '../../../domain/case-screening';
import { caseContent, certifiedDisclosure } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { RequestScreeningCommand } from './request-screening.command';
import { RequestScreeningHandler } from './request-screening.handler';

const rso = { kind: 'api_key' as const, id: 'rso-1', tenantId: 'tenant-1', roles: ['rso'] };
const NOW = new Date('2026-03-02T10:00:00.000Z');

function failedCase() {
  const screening = submitCase('case-1', caseContent(['p1']), { p1: certifiedDisclosure }).next;
  return recordScreeningFailure(screening, { caseVersion: 1, code: 'SCREENING.INDEX_BUILD_FAILED', message: 'bad entry', attempts: 3 }, NOW).next;
}

describe('RequestScreeningHandler', () => {
  it('requests screening of a failed case once: a second request while it is pending writes nothing', async () => {
    const runner = new RecordingCaseRunner(failedCase());
    const handler = new RequestScreeningHandler(runner);
    const first = await handler.execute(new RequestScreeningCommand('tenant-1', 'case-1', { reason: 'screening retried' }, rso, 4));
    expect(first).toMatchObject({ id: 'case-1', state: 'screening', caseVersion: 1 });
    expect(runner.decisions.map((decision) => decision.events)).toEqual([[{ type: 'ScreeningRequested', payload: { caseVersion: 1, reason: 'screening retried' } }]]);
    expect(runner.expectedVersions).toEqual([4]);

    const second = await handler.execute(new RequestScreeningCommand('tenant-1', 'case-1', { reason: 'screening retried' }, rso));
    expect(second).toEqual(first);
    expect(runner.decisions).toHaveLength(1);
  });

  it('answers 404 for a case the tenant does not have', async () => {
    const handler = new RequestScreeningHandler(new RecordingCaseRunner(failedCase()));
    await expect(handler.execute(new RequestScreeningCommand('tenant-1', 'case-2', { reason: 'screening retried' }, rso))).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
  });

  it('refuses a case whose screening has not failed', async () => {
    const runner = new RecordingCaseRunner(submitCase('case-1', caseContent(['p1']), {}).next);
    const handler = new RequestScreeningHandler(runner);
    await expect(handler.execute(new RequestScreeningCommand('tenant-1', 'case-1', { reason: 'screening retried' }, rso))).rejects.toMatchObject({
      code: 'CASE.ILLEGAL_TRANSITION',
      kind: 'conflict',
    });
    expect(runner.decisions).toEqual([]);
  });
});
