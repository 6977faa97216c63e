import type { InformationRequest, ScreeningSummary } from '../../../domain/case-workflow';
import { integratorActor } from '../../../testing/case-content.fixture';
import { RecordingCaseRunner } from '../../../testing/recording-case-runner';
import { reviewSnapshot } from '../../../testing/review-snapshot.fixture';
import { AnswerInformationRequestCommand } from './answer-information-request.command';
import { AnswerInformationRequestHandler } from './answer-information-request.handler';

const NOW = new Date('2026-03-02T10:00:00.000Z');

const screening: ScreeningSummary = { assessmentId: 'a-1', caseVersion: 1, level: 'medium', route: 'review', research: 'R1', ruleCodes: ['RS-C-001'], escalationTargets: [] };

const openRequest: InformationRequest = {
  id: 'req-1',
  question: 'Who funds the partner?',
  requestedBy: 'reviewer-1',
  requestedAt: '2026-02-27T10:00:00.000Z',
  dueAt: '2026-03-06T10:00:00.000Z',
  status: 'open',
  response: null,
  overdueAt: null,
};

describe('AnswerInformationRequestHandler', () => {
  beforeEach(() => jest.useFakeTimers({ now: NOW }));
  afterEach(() => jest.useRealTimers());

  it('answers the named request with the response, by the caller, now', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { informationRequests: [openRequest] }));
    const handler = new AnswerInformationRequestHandler(runner);
    const result = await handler.execute(new AnswerInformationRequestCommand('tenant-1', 'case-1', 'req-1', 'The partner is privately funded.', integratorActor, 2));
    expect(runner.decisions[0].events).toEqual([
      { type: 'ApplicantResponded', payload: { caseVersion: 1, requestId: 'req-1', response: 'The partner is privately funded.' } },
    ]);
    expect(runner.decisions[0].next.workflow.informationRequests).toEqual([
      { ...openRequest, status: 'answered', response: { text: 'The partner is privately funded.', by: 'key-1', at: NOW.toISOString() } },
    ]);
    expect(result).toEqual({ id: 'case-1', state: 'in_review', caseVersion: 1, version: 1 });
    expect(runner.expectedVersions).toEqual([2]);
  });

  it('refuses a request id the case does not have, and records nothing', async () => {
    const runner = new RecordingCaseRunner(reviewSnapshot(screening, { informationRequests: [openRequest] }));
    const handler = new AnswerInformationRequestHandler(runner);
    await expect(handler.execute(new AnswerInformationRequestCommand('tenant-1', 'case-1', 'req-2', 'An answer.', integratorActor))).rejects.toMatchObject({
      code: 'INFORMATION.NOT_FOUND',
    });
    expect(runner.decisions).toEqual([]);
  });
});
