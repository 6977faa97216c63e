import { submitCase } from '../../../domain/case-lifecycle';
import { caseContent, integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { WithdrawCaseCommand } from './withdraw-case.command';
import { WithdrawCaseHandler } from './withdraw-case.handler';

describe('WithdrawCaseHandler', () => {
  it('withdraws with the reason on the event', async () => {
    const runner = new RecordingCaseRunner(submitCase('case-1', caseContent(['p1']), {}).next);
    const handler = new WithdrawCaseHandler(runner);
    const result = await handler.execute(new WithdrawCaseCommand('tenant-1', 'case-1', 'partner left', integratorActor));
    expect(result.state).toBe('withdrawn');
    expect(runner.decisions[0].events).toEqual([
      { type: 'CaseWithdrawn', payload: { caseVersion: 1, previousState: 'awaiting_disclosures', reason: 'partner left' } },
    ]);
    expect(runner.expectedVersions).toEqual([undefined]);
  });
});
