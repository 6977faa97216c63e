import type { Actor } from '@ajar/observability';
import type { CaseSnapshot, Decision } from '../domain/case-lifecycle';
import type { CaseState } from '../domain/case-state';

export const CASE_STREAM = 'case';
export const DEADLINE_DUE = 'case.deadline_due';
export const NOTICE_DUE = 'case.notice';

export interface CaseCommandResult {
  id: string;
  state: CaseState;
  caseVersion: number;
  version: number;
}

/** A command that answers with the case's summary only. */
export type NoExtra = Record<never, never>;

/**
 * What command handlers need to create a case, change one, read its summary. Handlers depend on
 * this (an abstract class, so it is also the Nest injection token); CaseRepository
 * (infrastructure) is the PostgreSQL implementation, RecordingCaseRunner (src/testing) the
 * in-memory one for handler specs.
 */
export abstract class CaseChanges {
  abstract create(tenantId: string, caseId: string, actor: Actor, decide: () => Decision): Promise<CaseCommandResult>;
  abstract summary(tenantId: string, caseId: string): Promise<CaseCommandResult | null>;
  /**
   * `answerWith`: what the command answers besides the case's summary (the ids it created). The
   * whole answer is known before the transaction, which stores it as the request's Idempotency-Key
   * answer before COMMIT.
   */
  abstract change<Extra extends object = NoExtra>(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    expectedVersion?: number,
    answerWith?: Extra,
  ): Promise<CaseCommandResult & Extra>;
}
