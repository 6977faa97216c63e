import { DomainError } from '@ajar/kernel';

/**
 * There is no decision to write a letter about: none was recorded, the one proposed still waits
 * for its second approver (a proposal is not a decision, RS-F-004), or the last one was set aside
 * (overturned on appeal, or review re-opened by a monitoring alert) and none has replaced it yet.
 */
export class DecisionNotRecorded extends DomainError {
  constructor(caseId: string, reason: 'none' | 'awaiting_second_approval' | 'superseded') {
    const why = {
      none: 'no decision has been recorded on it yet',
      awaiting_second_approval: 'the proposed decision is awaiting its second approval, and a proposal is not a decision',
      superseded: 'its last decision was set aside (overturned on appeal, or review re-opened) and no new decision has been recorded yet',
    }[reason];
    super('DECISION.NOT_RECORDED', `Case ${caseId} has no decision letter: ${why}.`, 'conflict', { reason });
  }
}
