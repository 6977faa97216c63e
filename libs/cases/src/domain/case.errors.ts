import { DomainError } from '@ajar/kernel';
import type { CaseState } from './case-state';

export class CaseNotFound extends DomainError {
  constructor(caseId: string) {
    super('CASE.NOT_FOUND', `Case ${caseId} was not found.`, 'not_found');
  }
}

export class IllegalCaseTransition extends DomainError {
  constructor(action: string, state: CaseState, reason: string) {
    super('CASE.ILLEGAL_TRANSITION', `Cannot ${action} a case in state ${state}: ${reason}`, 'conflict', { state, action });
  }
}

export class InvalidCaseContent extends DomainError {
  constructor(field: string, reason: string) {
    super('CASE.INVALID_CONTENT', `${field}: ${reason}`, 'unprocessable', { errors: [{ field, reason }] });
  }
}

export class DisclosureAlreadyFiled extends DomainError {
  constructor(personRef: string, caseVersion: number) {
    super(
      'CASE.DISCLOSURE_ALREADY_FILED',
      `Person ${personRef} has already filed a certified disclosure for version ${caseVersion} of this case.`,
      'conflict',
      { personRef, caseVersion },
    );
  }
}

/** A review, escalation, mitigation or decision step refused by the workflow's rules. */
export class DecisionRefused extends DomainError {
  constructor(code: string, message: string, kind: 'conflict' | 'unprocessable' | 'forbidden' = 'conflict', field?: string) {
    super(code, message, kind, field ? { errors: [{ field, reason: message }] } : undefined);
  }
}
