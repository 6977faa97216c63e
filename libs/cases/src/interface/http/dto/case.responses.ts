import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIMENSIONS, EFFECTS, SEVERITIES } from '@ajar/appraisal';
import type { CaseCommandResult } from '../../../application/case-changes';
import type { AssessmentView } from '../../../application/queries/get-assessments.query';
import type { TimelineEntry } from '../../../application/queries/get-case-timeline.query';
import type { CasePage } from '../../../application/queries/list-cases.query';
import type { CaseSummaryView, CaseView } from '../../../application/queries/case.view';
import type { CaseContent } from '../../../domain/case-content';
import { CaseSubmissionRequest } from './case-submission.request';
import type { CaseWorkflow } from '../../../domain/case-workflow';
import { CASE_STATES, RISK_LEVELS } from '../../../domain/case-state';
import { REVIEW_TASK_KINDS } from '../../../domain/case-review-tasks';
import type { ReviewTask, ReviewTaskKind } from '../../../domain/case-review-tasks';
import type { PendingListHit } from '../../../domain/case-list-hits';
import { DECISION_OUTCOMES, ESCALATION_TARGETS } from '../../../domain/case-workflow';
import type { DecisionOutcome, DecisionRecord, EscalationTarget } from '../../../domain/case-workflow';
import type { ReviewTasksView } from '../../../application/queries/get-review-tasks.query';
import type { CaseReviewTasks, ReviewTaskPage } from '../../../application/queries/list-review-tasks.query';
import type { RegisterEntry, RegisterEscalation, RegisterPage } from '../../../application/queries/list-register.query';
import type { EscalationSummary } from '../../../application/queries/list-escalations.query';
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
  /** The case content as submitted or last amended: the submission body without the inline disclosures. */
  @ApiProperty({ type: () => CaseSubmissionRequest })
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

/** One rule's finding in an assessment. */
export class FindingResponse {
  /** Rule id, e.g. `RS-L-003`. */
  rule!: string;
  ruleVersion!: number;
  @ApiProperty({ enum: SEVERITIES })
  severity!: string;
  @ApiProperty({ enum: EFFECTS })
  effect!: string;
  @ApiProperty({ enum: DIMENSIONS })
  dimension!: string;
  /** JSON pointer into the case snapshot, e.g. `/partners/0`; empty for the whole case. */
  subject!: string;
  /** The facts the rule relied on. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  evidence!: Record<string, unknown>;
  explanation!: string;
  /** Mitigation measures that answer it, e.g. `MIT-03`. */
  mitigations!: string[];
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
  /** What the rules found, each with its rule, subject, evidence and explanation. */
  @ApiProperty({ type: () => [FindingResponse] })
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

/** One thing a person has to do on a case, with who can do it and whether the decision waits for it. */
export class ReviewTaskResponse implements ReviewTask {
  @ApiProperty({ enum: REVIEW_TASK_KINDS, enumName: 'ReviewTaskKind' })
  kind!: ReviewTaskKind;
  /** The roles that can do it; `assignee` narrows it to one API key where the case names one. */
  roles!: string[];
  assignee!: string | null;
  /** What the task is about: a hit, information request, escalation, measure, decision or appeal id. */
  ref!: string | null;
  dueAt!: string | null;
  overdue!: boolean;
  /** True while no decision can be proposed (or, for list hits, no favourable one) until it is done. */
  blocksDecision!: boolean;
  summary!: string;
  /** For `adjudicate_list_hit`: the hit (subject, list entry, score). */
  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  hit?: PendingListHit;
}

export class ReviewTasksResponse implements ReviewTasksView {
  caseId!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' })
  state!: CaseState;
  caseVersion!: number;
  /** The case's event-stream version, for `If-Match` on the command that does a task. */
  version!: number;
  /** True while some task blocks the decision (for list hits: a favourable one). */
  decisionBlocked!: boolean;
  items!: ReviewTaskResponse[];
}

export class CaseReviewTasksResponse implements CaseReviewTasks {
  caseId!: string;
  externalRef!: string | null;
  title!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' })
  state!: CaseState;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true })
  level!: RiskLevel | null;
  version!: number;
  createdAt!: string;
  tasks!: ReviewTaskResponse[];
}

export class ReviewTaskPageResponse implements ReviewTaskPage {
  items!: CaseReviewTasksResponse[];
  /** Pass as `cursor` for the next page; null once every case has been looked at. */
  nextCursor!: string | null;
}

export class RegisterEscalationResponse implements RegisterEscalation {
  @ApiProperty({ enum: ESCALATION_TARGETS, enumName: 'EscalationTarget' })
  target!: EscalationTarget;
  /** open, answered, withdrawn or overdue. */
  @ApiProperty({ type: 'string' })
  status!: RegisterEscalation['status'];
  dueAt!: string;
  /** Open and past its due time (or already marked overdue by its deadline). */
  overdue!: boolean;
}

export class RegisterDecisionResponse {
  @ApiProperty({ enum: DECISION_OUTCOMES, enumName: 'DecisionOutcome' })
  outcome!: DecisionOutcome;
  /** awaiting_second_approval, response_window or final. */
  @ApiProperty({ enum: ['awaiting_second_approval', 'response_window', 'final'] })
  status!: DecisionRecord['status'];
  approvers!: string[];
}

/** One case of the research-security register. */
export class RegisterEntryResponse implements RegisterEntry {
  caseId!: string;
  externalRef!: string | null;
  callId!: string | null;
  kind!: string;
  @ApiProperty({ enum: CASE_STATES, enumName: 'CaseState' })
  state!: CaseState;
  @ApiProperty({ enum: RISK_LEVELS, enumName: 'RiskLevel', nullable: true })
  level!: RiskLevel | null;
  route!: string | null;
  research!: string | null;
  escalations!: RegisterEscalationResponse[];
  @ApiProperty({ type: RegisterDecisionResponse, nullable: true })
  decision!: RegisterDecisionResponse | null;
  createdAt!: string;
  updatedAt!: string;
}

export class RegisterPageResponse implements RegisterPage {
  items!: RegisterEntryResponse[];
  nextCursor!: string | null;
}

export class EscalationSummaryResponse implements EscalationSummary {
  escalationId!: string;
  /** Only for the tenant that raised it; the advisor works from the escalation id. */
  caseId!: string | null;
  target!: string;
  status!: string;
  dueAt!: string;
  raisedAt!: string;
}

export class EscalationListResponse {
  items!: EscalationSummaryResponse[];
}

/** The minimised package a national advisor reads (RS-F-008): organisations, technology, finding codes, the question. */
const PACKAGE_DESCRIPTION = 'The minimised package (RS-F-008): organisations, technology, finding codes and the question; listed names, list ids and versions masked.';

export class EscalationForAdvisorResponse {
  @ApiProperty({ enum: ['advisor'] })
  audience!: 'advisor';
  @ApiProperty({ type: 'object', additionalProperties: true, description: PACKAGE_DESCRIPTION })
  package!: Record<string, unknown>;
  /** The advice given, once there is one. */
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  advice!: Record<string, unknown> | null;
}

export class EscalationForOwnerResponse {
  @ApiProperty({ enum: ['owner'] })
  audience!: 'owner';
  caseId!: string;
  /** The escalation record: target, question, status, due time, advice. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  escalation!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: PACKAGE_DESCRIPTION })
  package!: Record<string, unknown>;
}
