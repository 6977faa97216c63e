import { submitCase } from '../../../domain/case-lifecycle';
import { caseContent, certifiedDisclosure, integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { FileDisclosureCommand } from './file-disclosure.command';
import { FileDisclosureHandler } from './file-disclosure.handler';

describe('FileDisclosureHandler', () => {
  it('files the person\'s disclosure and requests screening once everyone has filed', async () => {
    const waiting = submitCase('case-1', caseContent(['p1', 'p2']), { p1: certifiedDisclosure }).next;
    const runner = new RecordingCaseRunner(waiting);
    const handler = new FileDisclosureHandler(runner);
    const result = await handler.execute(new FileDisclosureCommand('tenant-1', 'case-1', 'p2', certifiedDisclosure, integratorActor, 3));
    expect(result.state).toBe('screening');
    expect(runner.decisions[0].events.map((event) => event.type)).toEqual(['DisclosureFiled', 'DisclosuresCompleted', 'ScreeningRequested']);
    expect(runner.expectedVersions).toEqual([3]);
  });
});
