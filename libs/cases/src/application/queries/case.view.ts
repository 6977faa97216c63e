import type { CaseContent } from '../../domain/case-content';
import type { CaseState, RiskLevel } from '../../domain/case-state';
import { CaseWorkflow, storedWorkflow } from '../../domain/case-workflow';

export interface CaseSummaryView {
  id: string;
  state: CaseState;
  caseVersion: number;
  version: number;
  kind: string;
  callId: string | null;
  externalRef: string | null;
  title: string;
  level: RiskLevel | null;
  pendingDisclosures: string[];
  createdAt: string;
  updatedAt: string;
}

export interface CaseView extends CaseSummaryView {
  content: CaseContent;
  /** Per listed person: whether a certified disclosure is on file for the current case version. */
  disclosures: { personRef: string; filed: boolean; certifiedAt: string | null }[];
  /** Review and decision: reviewer, RS-T-008 judgement, decision (four-eyes, windows), appeal. */
  workflow: CaseWorkflow;
}

export interface CaseRow {
  id: string;
  state: CaseState;
  case_version: number;
  version: number;
  kind: string;
  call_id: string | null;
  external_ref: string | null;
  title: string;
  level: RiskLevel | null;
  pending_disclosures: string[];
  created_at: Date;
  updated_at: Date;
  content?: CaseContent;
  disclosures?: Record<string, { certifiedAt: string }>;
  workflow?: CaseWorkflow | null;
}

export function toSummaryView(row: CaseRow): CaseSummaryView {
  return {
    id: row.id,
    state: row.state,
    caseVersion: row.case_version,
    version: row.version,
    kind: row.kind,
    callId: row.call_id,
    externalRef: row.external_ref,
    title: row.title,
    level: row.level,
    pendingDisclosures: row.pending_disclosures,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toCaseView(row: CaseRow): CaseView {
  const content = row.content as CaseContent;
  const disclosures = row.disclosures ?? {};
  return {
    ...toSummaryView(row),
    content,
    disclosures: content.personnel.map((person) => ({
      personRef: person.ref,
      filed: Boolean(disclosures[person.ref]),
      certifiedAt: disclosures[person.ref]?.certifiedAt ?? null,
    })),
    workflow: storedWorkflow(row.workflow),
  };
}
