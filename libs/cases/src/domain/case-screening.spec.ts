import { DomainError } from '@ajar/kernel';
import { caseContent, certifiedDisclosure } from '../testing/case-content.fixture';
import { amendCase, CaseSnapshot, completeScreening, submitCase, withdrawCase } from './case-lifecycle';
import { failureMessage, recordScreeningFailure, requestScreening, ScreeningGaveUp } from './case-screening';
import { reviewTasks } from './case-review-tasks';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const INDEX_FAILED: ScreeningGaveUp = { caseVersion: 1, code: 'SCREENING.INDEX_BUILD_FAILED', message: "Cannot read properties of undefined (reading 'normalize')", attempts: 3 };

function inScreening(): CaseSnapshot {
  return submitCase('case-1', caseContent(['p1']), { p1: certifiedDisclosure }).next;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a domain error';
  }
  return undefined;
}

describe('a screening that fails for good', () => {
  it('moves the case to screening_failed with ScreeningFailed: code, message, attempts', () => {
    const decision = recordScreeningFailure(inScreening(), INDEX_FAILED, NOW);
    expect(decision.events).toEqual([
      { type: 'ScreeningFailed', payload: { caseVersion: 1, code: 'SCREENING.INDEX_BUILD_FAILED', message: "Cannot read properties of undefined (reading 'normalize')", attempts: 3 } },
    ]);
    expect(decision.next.state).toBe('screening_failed');
    expect(decision.next.workflow.screeningFailure).toEqual({
      caseVersion: 1,
      code: 'SCREENING.INDEX_BUILD_FAILED',
      message: "Cannot read properties of undefined (reading 'normalize')",
      attempts: 3,
      failedAt: '2026-03-02T10:00:00.000Z',
    });
  });

  it('keeps one bounded line of the message: no stack trace reaches the case', () => {
    const stack = `TypeError: name.normalize is not a function\n    at normaliseName (normalise-name.ts:12:3)\n    at build (index.ts:40:1)`;
    expect(recordScreeningFailure(inScreening(), { ...INDEX_FAILED, message: stack }, NOW).events[0].payload.message).toBe('TypeError: name.normalize is not a function');
    expect(failureMessage('x'.repeat(1000))).toHaveLength(300);
  });

  it('is not recorded for a case that moved on: another state, or a newer case version', () => {
    const screening = inScreening();
    expect(codeOf(() => recordScreeningFailure(withdrawCase(screening, 'no longer needed').next, INDEX_FAILED, NOW))).toBe('CASE.ILLEGAL_TRANSITION');
    const amended = amendCase(screening, caseContent(['p1']), { p1: certifiedDisclosure }).next;
    expect(amended.state).toBe('screening');
    expect(codeOf(() => recordScreeningFailure(amended, INDEX_FAILED, NOW))).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('is a task for the rso or admin, which blocks the decision', () => {
    const failed = recordScreeningFailure(inScreening(), INDEX_FAILED, NOW).next;
    const tasks = reviewTasks(failed, NOW);
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'retry_screening', roles: ['rso', 'admin'], blocksDecision: true, dueAt: null, overdue: false }),
    ]);
    expect(tasks[0].summary).toContain('SCREENING.INDEX_BUILD_FAILED');
    expect(tasks[0].summary).toContain('3 attempt(s)');
  });
});

describe('screening a failed case again', () => {
  it('requests the full screening of the same case version and clears the failure', () => {
    const failed = recordScreeningFailure(inScreening(), INDEX_FAILED, NOW).next;
    const decision = requestScreening(failed, { reason: 'screening retried' });
    expect(decision.events).toEqual([{ type: 'ScreeningRequested', payload: { caseVersion: 1, reason: 'screening retried' } }]);
    expect(decision.next.state).toBe('screening');
    expect(decision.next.workflow.screeningFailure).toBeNull();
    expect(reviewTasks(decision.next, NOW)).toEqual([]);
  });

  it('names the list version when a new list version asks', () => {
    const failed = recordScreeningFailure(inScreening(), INDEX_FAILED, NOW).next;
    expect(requestScreening(failed, { reason: 'reference list updated', listId: 'sanctions', listVersion: 4 }).events[0].payload).toEqual({
      caseVersion: 1,
      reason: 'reference list updated',
      listId: 'sanctions',
      listVersion: 4,
    });
  });

  it('is refused in any state but screening_failed', () => {
    expect(codeOf(() => requestScreening(inScreening(), { reason: 'screening retried' }))).toBe('CASE.ILLEGAL_TRANSITION');
    const screened = completeScreening(inScreening(), {
      assessmentId: 'a-1',
      caseVersion: 1,
      level: 'medium',
      route: 'review',
      research: 'R1',
      counterparty: 'C1',
      integrity: 'I0',
      policy: { name: 'default', version: 1 },
      referenceLists: [],
      ruleCodes: [],
      escalationTargets: [],
    }).next;
    expect(codeOf(() => requestScreening(screened, { reason: 'screening retried' }))).toBe('CASE.ILLEGAL_TRANSITION');
  });

  it('lets a failed case be amended (a new version, screened afresh) or withdrawn', () => {
    const failed = recordScreeningFailure(inScreening(), INDEX_FAILED, NOW).next;
    const amended = amendCase(failed, caseContent(['p1']), { p1: certifiedDisclosure });
    expect(amended.next).toMatchObject({ state: 'screening', caseVersion: 2, workflow: { screeningFailure: null } });
    expect(withdrawCase(failed, 'partner left').next.state).toBe('withdrawn');
  });
});
