import type { CaseSnapshot } from '../domain/case-lifecycle';
import { EMPTY_WORKFLOW, type CaseWorkflow, type ScreeningSummary } from '../domain/case-workflow';
import { caseContent, certifiedDisclosure } from './case-content.fixture';

/** A screened case in review (reviewer `reviewer-1`, one disclosed person `p1`), for workflow specs. */
export function reviewSnapshot(screening: ScreeningSummary | null, workflow: Partial<CaseWorkflow> = {}, overrides: Partial<CaseSnapshot> = {}): CaseSnapshot {
  return {
    id: 'case-1',
    state: 'in_review',
    caseVersion: 1,
    content: caseContent(['p1']),
    disclosures: { p1: certifiedDisclosure },
    level: 'high',
    adjudications: [],
    workflow: { ...EMPTY_WORKFLOW, screening, reviewer: 'reviewer-1', ...workflow },
    ...overrides,
  };
}
