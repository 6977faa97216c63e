import type { Actor } from '@ajar/observability';
import type { CaseChanges, CaseCommandResult, NoExtra } from '../application/case-changes';
import type { CaseSnapshot, Decision } from '../domain/case-lifecycle';

/**
 * Stands in for CaseRepository (the database) in handler specs: applies the handler's decision to
 * an in-memory case and records it, so a spec sees exactly what the handler decided. It implements
 * CaseChanges, the part of the repository handlers depend on, so the compiler checks it against them.
 */
export class RecordingCaseRunner implements CaseChanges {
  readonly decisions: Decision[] = [];
  readonly expectedVersions: (number | undefined)[] = [];

  constructor(private current?: CaseSnapshot) {}

  async summary(_tenantId: string, caseId: string): Promise<CaseCommandResult | null> {
    if (!this.current || this.current.id !== caseId) return null;
    return { id: caseId, state: this.current.state, caseVersion: this.current.caseVersion, version: this.decisions.reduce((sum, decision) => sum + decision.events.length, 0) };
  }

  async create(_tenantId: string, caseId: string, _actor: Actor, decide: () => Decision): Promise<CaseCommandResult> {
    const decision = decide();
    this.decisions.push(decision);
    this.current = decision.next;
    return { id: caseId, state: decision.next.state, caseVersion: decision.next.caseVersion, version: decision.events.length };
  }

  async change<Extra extends object = NoExtra>(
    _tenantId: string,
    caseId: string,
    _actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    expectedVersion?: number,
    answerWith?: Extra,
  ): Promise<CaseCommandResult & Extra> {
    if (!this.current) throw new Error('no case to change');
    const decision = decide(this.current);
    this.decisions.push(decision);
    this.expectedVersions.push(expectedVersion);
    this.current = decision.next;
    return Object.assign({ id: caseId, state: decision.next.state, caseVersion: decision.next.caseVersion, version: decision.events.length }, answerWith);
  }
}
