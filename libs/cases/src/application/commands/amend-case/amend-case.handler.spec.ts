import { openCalls } from '../../../testing/open-calls.fixture';
import { submitCase } from '../../../domain/case-lifecycle';
import { caseContent, certifiedDisclosure, integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { AmendCaseCommand } from './amend-case.command';
import { AmendCaseHandler } from './amend-case.handler';

describe('AmendCaseHandler', () => {
  const submitted = submitCase('case-1', caseContent(['p1', 'p2']), { p1: certifiedDisclosure, p2: certifiedDisclosure }).next;

  it('replaces only the fields given, keeps the rest, and records the note on CaseAmended', async () => {
    const runner = new RecordingCaseRunner(submitted);
    const handler = new AmendCaseHandler(runner, openCalls());
    const result = await handler.execute(new AmendCaseCommand('tenant-1', 'case-1', { title: 'New title' }, {}, 'partner changed', integratorActor, 7));
    const decision = runner.decisions[0];
    expect(decision.next.content.title).toBe('New title');
    expect(decision.next.content.partners).toEqual(submitted.content.partners);
    expect(decision.events[0]).toMatchObject({ type: 'CaseAmended', payload: { caseVersion: 2, note: 'partner changed' } });
    expect(result).toMatchObject({ state: 'awaiting_disclosures', caseVersion: 2 });
    expect(runner.expectedVersions).toEqual([7]);
  });

  it('takes inline disclosures of the amendment into account', async () => {
    const runner = new RecordingCaseRunner(submitted);
    const handler = new AmendCaseHandler(runner, openCalls());
    const result = await handler.execute(
      new AmendCaseCommand('tenant-1', 'case-1', { personnel: caseContent(['p1']).personnel }, { p1: certifiedDisclosure }, undefined, integratorActor),
    );
    expect(result.state).toBe('screening');
    expect(runner.decisions[0].events[0].payload).not.toHaveProperty('note');
  });
});
