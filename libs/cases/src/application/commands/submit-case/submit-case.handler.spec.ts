import { openCalls } from '../../../testing/open-calls.fixture';
import { caseContent, certifiedDisclosure, integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { SubmitCaseCommand } from './submit-case.command';
import { SubmitCaseHandler } from './submit-case.handler';

describe('SubmitCaseHandler', () => {
  it('creates a case with a new time-ordered id and counts inline disclosures', async () => {
    const runner = new RecordingCaseRunner();
    const handler = new SubmitCaseHandler(runner, openCalls());
    const result = await handler.execute(new SubmitCaseCommand('tenant-1', caseContent(['p1']), { p1: certifiedDisclosure }, integratorActor));
    expect(result.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    expect(result.state).toBe('screening');
    expect(runner.decisions[0].events[0]).toMatchObject({ type: 'CaseSubmitted', payload: { caseId: result.id, caseVersion: 1 } });
  });

  it('gives every submission its own id', async () => {
    const runner = new RecordingCaseRunner();
    const handler = new SubmitCaseHandler(runner, openCalls());
    const first = await handler.execute(new SubmitCaseCommand('tenant-1', caseContent(), {}, integratorActor));
    const second = await handler.execute(new SubmitCaseCommand('tenant-1', caseContent(), {}, integratorActor));
    expect(first.id).not.toBe(second.id);
    expect(first.state).toBe('awaiting_disclosures');
  });

  it('submits once under a caller-chosen id: the same id again answers with the case already there', async () => {
    const runner = new RecordingCaseRunner();
    const handler = new SubmitCaseHandler(runner, openCalls());
    const id = '018f0000-0000-8000-8000-000000000001';
    const first = await handler.execute(new SubmitCaseCommand('tenant-1', caseContent(), {}, integratorActor, id));
    const again = await handler.execute(new SubmitCaseCommand('tenant-1', caseContent(), {}, integratorActor, id));
    expect(first).toEqual(again);
    expect(first.id).toBe(id);
    expect(runner.decisions).toHaveLength(1);
  });
});

describe('SubmitCaseHandler and calls', () => {
  const call = '018f0000-0000-7000-8000-0000000000ca';

  it('submits under an open call of the tenant', async () => {
    const runner = new RecordingCaseRunner();
    const handler = new SubmitCaseHandler(runner, openCalls(call));
    await handler.execute(new SubmitCaseCommand('tenant-1', { ...caseContent(), callId: call }, {}, integratorActor));
    expect(runner.decisions).toHaveLength(1);
  });

  it('refuses a call that is not an open call of the tenant (422 naming callId) and writes nothing', async () => {
    const runner = new RecordingCaseRunner();
    const handler = new SubmitCaseHandler(runner, openCalls(call));
    const other = '018f0000-0000-7000-8000-0000000000cb';
    await expect(handler.execute(new SubmitCaseCommand('tenant-1', { ...caseContent(), callId: other }, {}, integratorActor))).rejects.toMatchObject({
      code: 'CASE.INVALID_CONTENT',
      kind: 'unprocessable',
      details: { errors: [{ field: 'callId' }] },
    });
    expect(runner.decisions).toHaveLength(0);
  });
});
