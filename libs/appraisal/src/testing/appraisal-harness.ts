// Runs the engine with sensible test defaults and picks findings by rule.
import { appraise } from '../appraise';
import type { Assessment, Finding } from '../model/assessment';
import type { CaseSnapshot } from '../model/case-snapshot';
import type { AppraisalPolicy, PackId } from '../model/policy';
import type { ReferenceIndex } from '../model/reference';
import { DEFAULT_POLICY } from '../policy/default-policy';
import { aReferenceIndex } from './reference-list.fixture';

export interface RunOptions {
  readonly policy?: Partial<AppraisalPolicy>;
  readonly packs?: readonly PackId[];
  readonly index?: ReferenceIndex;
}

export function run(snapshot: CaseSnapshot, options: RunOptions = {}): Assessment {
  const policy: AppraisalPolicy = {
    ...DEFAULT_POLICY,
    ...options.policy,
    ...(options.packs !== undefined ? { packs: options.packs } : {}),
  };
  return appraise(snapshot, policy, options.index ?? aReferenceIndex());
}

export function findings(assessment: Assessment, rule: string): Finding[] {
  return assessment.findings.filter((f) => f.rule === rule);
}
