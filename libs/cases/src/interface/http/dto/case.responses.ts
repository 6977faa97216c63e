import { ApiProperty } from '@nestjs/swagger';
import type { CaseCommandResult } from '../../../application/case-command-runner';
import type { AssessmentView } from '../../../application/queries/get-assessments.query';
import type { TimelineEntry } from '../../../application/queries/get-case-timeline.query';
import type { CasePage } from '../../../application/queries/list-cases.query';
import type { CaseSummaryView, CaseView } from '../../../application/queries/case.view';
import type { CaseContent } from '../../../domain/case-content';
import type { CaseWorkflow } from '../../../domain/case-workflow';
import { CASE_STATES, RISK_LEVELS } from '../../../domain/case-state';
import type { CaseState, RiskLevel } from '../../../domain/case-state';

// Response classes: the views are interfaces (erased at run time), so these classes give the
// OpenAPI document their shape. `implements` keeps each class in step with its view.

/** A case after a command: its id, state and versions. */
export class CaseCommandResponse implements CaseCommandResult {
  /** @example "0192d0a4-7d7c-7b8e-9f53-6f1f0c4e2a11" */
  id!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' })
  state!: CaseState;
  /** The case content's version: amended content makes a new one. */
  caseVersion!: number;
  /** The case stream's version; its ETag, to send as `If-Match`. */
  version!: number;
}

export class EscalationRaisedResponse extends CaseCommandResponse {
  escalationId!: string;
}

export class InformationRequestedResponse extends CaseCommandResponse {
  requestId!: string;
}

export class MitigationProposedResponse extends CaseCommandResponse {
  planId!: string;
  measureIds!: string[];
}

export class DecisionProposedResponse extends CaseCommandResponse {
  decisionId!: string;
}

export class AppealLodgedResponse extends CaseCommandResponse {
  appealId!: string;
}

/** A case as listed. */
export class CaseSummaryResponse implements CaseSummaryView {
  id!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' })
  state!: CaseState;
  caseVersion!: number;
  version!: number;
  /** What is appraised, e.g. `grant_application`. */
  kind!: string;
  /** The funding call it answers, if any. */
  callId!: string | null;
  /** The submitter's own reference. */
  externalRef!: string | null;
  title!: string;
  /** The latest assessment's risk level; null before the first. */
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true })
  level!: RiskLevel | null;
  /** Refs of listed people whose certified disclosure is still missing. */
  pendingDisclosures!: string[];
  createdAt!: string;
  updatedAt!: string;
}

export class CasePageResponse implements CasePage {
  items!: CaseSummaryResponse[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor!: string | null;
}

export class CaseDisclosureStatusResponse {
  personRef!: string;
  filed!: boolean;
  certifiedAt!: string | null;
}

/** A case with its content, disclosures and review workflow. */
export class CaseResponse extends CaseSummaryResponse implements CaseView {
  /** The case content as submitted or last amended (the shape of the submission body, normalised). */
  @ApiProperty({ type: 'object', additionalProperties: true })
  content!: CaseContent;
  /** Per listed person: whether a certified disclosure is on file for the current case version. */
  disclosures!: CaseDisclosureStatusResponse[];
  /** Review and decision: reviewer, RS-T-008 judgement, decision (four-eyes, windows), appeal. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  workflow!: CaseWorkflow;
}

export class PolicyVersionReference {
  name!: string;
  version!: number;
}

export class ListVersionReference {
  listId!: string;
  version!: number;
}

/** One screening of one case version, with the policy and list versions it used. */
export class AssessmentResponse implements AssessmentView {
  id!: string;
  caseId!: string;
  caseVersion!: number;
  /** 1 for the case's first assessment, then 2, 3, … */
  sequence!: number;
  policy!: PolicyVersionReference;
  referenceLists!: ListVersionReference[];
  /** Research sensitivity, R0–R3. */
  research!: string;
  /** Counterparty risk, C0–C4. */
  counterparty!: string;
  /** Integrity risk, I0–I3. */
  integrity!: string;
  /** Overall level: low, medium, high, very_high or blocked. */
  level!: string;
  /** What happens next: auto_clear, review, escalate or not_eligible. */
  route!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  dimensions!: Record<string, string>;
  /** What the rules found, each with its rule code, subject and explanation. */
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  findings!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: true })
  escalationRecommendation!: Record<string, unknown>;
  completedAt!: string;
}

export class AssessmentListResponse {
  items!: AssessmentResponse[];
}

/** One event of the case's stream. */
export class TimelineEntryResponse implements TimelineEntry {
  id!: string;
  /** e.g. `CaseSubmitted`, `ScreeningCompleted`. */
  type!: string;
  streamVersion!: number;
  occurredAt!: string;
  /** Who acted: `{ kind, id, tenantId? }`. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  actor!: unknown;
  @ApiProperty({ type: 'string', nullable: true })
  correlationId!: unknown;
  @ApiProperty({ type: 'string', nullable: true })
  causationId!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: Record<string, unknown>;
  /** The event's place in the tenant's chain; null for a moment after commit. */
  tenantSequence!: string | null;
  hash!: string | null;
}

export class TimelineResponse {
  items!: TimelineEntryResponse[];
}
