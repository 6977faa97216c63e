import type { CaseSnapshot, Decision } from './case-lifecycle';
import { IllegalCaseTransition } from './case.errors';
import type { ScreeningFailure, ScreeningFailureCode } from './case-workflow';

/** What the worker knows when the last attempt of a screening job has failed. */
export interface ScreeningGaveUp {
  caseVersion: number;
  code: ScreeningFailureCode;
  message: string;
  attempts: number;
}

/** Longest message kept: enough to name the cause, short enough for a list and an audit trail. */
const MESSAGE_LIMIT = 300;

/** The first line of an error message, bounded: a stack trace or a dump never reaches the case. */
export function failureMessage(message: string): string {
  const line = message.split(/\r?\n/, 1)[0].trim();
  return line.length > MESSAGE_LIMIT ? `${line.slice(0, MESSAGE_LIMIT - 1)}…` : line;
}

/**
 * The screening of a case version gave up (its job's last attempt failed): the case leaves
 * `screening` for `screening_failed`, where it waits, visible, until someone asks again.
 */
export function recordScreeningFailure(current: CaseSnapshot, gaveUp: ScreeningGaveUp, now: Date): Decision {
  if (current.state !== 'screening') {
    throw new IllegalCaseTransition('record a failed screening of', current.state, 'the case is not in screening');
  }
  if (current.caseVersion !== gaveUp.caseVersion) {
    throw new IllegalCaseTransition('record a failed screening of', current.state, `the screening was of version ${gaveUp.caseVersion}, the case is at version ${current.caseVersion}`);
  }
  const failure: ScreeningFailure = {
    caseVersion: gaveUp.caseVersion,
    code: gaveUp.code,
    message: failureMessage(gaveUp.message),
    attempts: gaveUp.attempts,
    failedAt: now.toISOString(),
  };
  return {
    events: [{ type: 'ScreeningFailed', payload: { caseVersion: failure.caseVersion, code: failure.code, message: failure.message, attempts: failure.attempts } }],
    next: { ...current, state: 'screening_failed', workflow: { ...current.workflow, screeningFailure: failure } },
  };
}

/** Why a failed screening is asked again: a person, or a new list version (monitoring). */
export type ScreeningRetry = { reason: 'screening retried' } | { reason: 'reference list updated'; listId: string; listVersion: number };

/**
 * Asks again for the full screening of a case whose screening failed (its job goes to the queue
 * through the outbox, as every `ScreeningRequested`). Any other state is refused; the handler
 * answers a case already in screening as it is.
 */
export function requestScreening(current: CaseSnapshot, retry: ScreeningRetry): Decision {
  if (current.state !== 'screening_failed') {
    throw new IllegalCaseTransition('screen again', current.state, 'only a case whose screening failed is screened again on request');
  }
  return {
    events: [{ type: 'ScreeningRequested', payload: { caseVersion: current.caseVersion, ...retry } }],
    next: { ...current, state: 'screening', workflow: { ...current.workflow, screeningFailure: null } },
  };
}
