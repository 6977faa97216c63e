import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PgErrorCode, pgErrorCode, uuidv7, WriteBatch } from '@ajar/database';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { StreamVersionConflict } from '@ajar/kernel';
import { Queues } from '@ajar/messaging';
import type { Actor } from '@ajar/observability';
import { Outbox } from '@ajar/outbox';
import { CaseSnapshot, Decision, pendingDisclosures } from '../domain/case-lifecycle';
import { CaseNotFound } from '../domain/case.errors';
import type { CaseState, RiskLevel } from '../domain/case-state';
import type { Adjudication } from '@ajar/appraisal';
import type { CaseContent, Disclosure } from '../domain/case-content';
import { CaseWorkflow, storedWorkflow } from '../domain/case-workflow';
import { deadlinesOf } from '../domain/case-deadlines';
import { noticeAudiences } from '../domain/case-notices';

export const CASE_STREAM = 'case';
export const DEADLINE_DUE = 'case.deadline_due';

export const NOTICE_DUE = 'case.notice';

export interface CaseCommandResult {
  id: string;
  state: CaseState;
  caseVersion: number;
  version: number;
}

interface CaseRow {
  id: string;
  version: number;
  case_version: number;
  state: CaseState;
  content: CaseContent;
  disclosures: Record<string, Disclosure>;
  level: RiskLevel | null;
  adjudications: Adjudication[];
  workflow: CaseWorkflow | null;
  call_id: string | null;
  updated_at: Date;
}

/** A case as read for a command: its snapshot for the lifecycle, and what the write checks against. */
export interface LoadedCase {
  snapshot: CaseSnapshot;
  /** The stream version read; the write expects it unchanged. */
  version: number;
  callId: string | null;
  updatedAt: Date;
}

/**
 * The read-model columns from `version` to `workflow`, in the order both the INSERT and the
 * UPDATE below list them ($3 to $14). Given the snapshot the change started from, the content and
 * the disclosures the change kept (the same objects: the lifecycle is pure and copies what it
 * changes) are NULL, and the UPDATE keeps the stored values: PostgreSQL then neither parses the
 * JSON again nor writes new TOAST chunks and their WAL (about 10 kB for each appraisal).
 */
function readModelValues(version: number, next: CaseSnapshot, previous?: CaseSnapshot): unknown[] {
  return [
    version,
    next.caseVersion,
    next.state,
    next.content.kind,
    next.content.callId ?? null,
    next.content.externalRef ?? null,
    next.content.title,
    next.content === previous?.content ? null : JSON.stringify(next.content),
    next.disclosures === previous?.disclosures ? null : JSON.stringify(next.disclosures),
    pendingDisclosures(next),
    JSON.stringify(next.adjudications),
    JSON.stringify(next.workflow),
  ];
}

/**
 * Runs a case command atomically: read the case, let the pure lifecycle decide, then write the
 * read model (checked against the version read), the events and the outbox rows as one statement.
 * Nothing is enqueued here: the relay publishes after commit.
 */
@Injectable()
/**
 * What command handlers need of the runner: create a case, change one, read its summary. Handlers
 * depend on this (an abstract class, so it is also the Nest injection token); CaseCommandRunner is
 * the PostgreSQL implementation, RecordingCaseRunner (src/testing) the in-memory one for handler specs.
 */
export abstract class CaseChanges {
  abstract create(tenantId: string, caseId: string, actor: Actor, decide: () => Decision): Promise<CaseCommandResult>;
  abstract summary(tenantId: string, caseId: string): Promise<CaseCommandResult | null>;
  abstract change(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    expectedVersion?: number,
  ): Promise<CaseCommandResult>;
}

export class CaseCommandRunner implements CaseChanges {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly outbox: Outbox,
  ) {}

  async create(tenantId: string, caseId: string, actor: Actor, decide: () => Decision): Promise<CaseCommandResult> {
    const decision = decide();
    const version = decision.events.length;
    const next = decision.next;
    // One statement, no BEGIN/COMMIT: atomic on its own, and one round trip instead of five.
    const batch = new WriteBatch();
    batch.add(
      `INSERT INTO cases (id, tenant_id, version, case_version, state, kind, call_id, external_ref, title, level,
                          content, disclosures, pending_disclosures, adjudications, workflow, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, $12, $13, $14, $15, $15)`,
      [caseId, tenantId, ...readModelValues(version, next), new Date()],
    );
    this.record(batch, tenantId, caseId, 0, decision, actor);
    await batch.execute(this.dataSource);
    return { id: caseId, state: next.state, caseVersion: next.caseVersion, version };
  }

  /** The case's state and versions, or null if the tenant has no such case. */
  async summary(tenantId: string, caseId: string): Promise<CaseCommandResult | null> {
    const rows: { state: CaseState; case_version: number; version: number }[] = await this.dataSource.query(
      `SELECT state, case_version, version FROM cases WHERE tenant_id = $1 AND id = $2`,
      [tenantId, caseId],
    );
    const row = rows[0];
    return row ? { id: caseId, state: row.state, caseVersion: row.case_version, version: row.version } : null;
  }

  /** The case as a command sees it, or null if the tenant has no such case. */
  async load(tenantId: string, caseId: string): Promise<LoadedCase | null> {
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT id, version, case_version, state, content, disclosures, level, adjudications, workflow, call_id, updated_at
         FROM cases WHERE tenant_id = $1 AND id = $2`,
      [tenantId, caseId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      version: row.version,
      callId: row.call_id,
      updatedAt: row.updated_at,
      snapshot: {
        id: row.id,
        state: row.state,
        caseVersion: row.case_version,
        content: row.content,
        disclosures: row.disclosures,
        level: row.level,
        adjudications: row.adjudications,
        // Rows written before a workflow field existed read it as its empty value.
        workflow: storedWorkflow(row.workflow),
      },
    };
  }

  async change(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    /** The version the client read (If-Match); without it, the version read here. */
    expectedVersion?: number,
    /** Further writes that belong to the same change (e.g. the assessment the change records). */
    alongside?: (batch: WriteBatch) => void,
  ): Promise<CaseCommandResult> {
    const loaded = await this.load(tenantId, caseId);
    if (!loaded) throw new CaseNotFound(caseId);
    return this.changeLoaded(tenantId, loaded, actor, decide, expectedVersion, alongside);
  }

  /**
   * `change` for a case the caller has just loaded (`load`). Optimistic: the read takes no lock
   * and no transaction is held open. The conditional UPDATE, the events, the outbox rows and the
   * caller's writes go as one statement, atomic on its own; if another command moved the case on
   * since the read, the UPDATE finds no row (or the events collide on their stream version) and
   * the statement fails as a whole with a 409.
   */
  async changeLoaded(
    tenantId: string,
    loaded: LoadedCase,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    expectedVersion?: number,
    alongside?: (batch: WriteBatch) => void,
  ): Promise<CaseCommandResult> {
    const caseId = loaded.snapshot.id;
    if (expectedVersion !== undefined && expectedVersion !== loaded.version) {
      throw new StreamVersionConflict(caseId, expectedVersion);
    }
    const decision = decide(loaded.snapshot);
    const next = decision.next;
    const version = loaded.version + decision.events.length;
    const batch = new WriteBatch();
    const updated = batch.add(
      `UPDATE cases SET version = $3, case_version = $4, state = $5, kind = $6, call_id = $7, external_ref = $8,
                        title = $9, content = COALESCE($10::jsonb, content), disclosures = COALESCE($11::jsonb, disclosures), pending_disclosures = $12, adjudications = $13,
                        workflow = $14, level = $16, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND version = $15 RETURNING 1`,
      [tenantId, caseId, ...readModelValues(version, next, loaded.snapshot), loaded.version, next.level],
    );
    // Evaluated after the UPDATE: any count but 1 fails the whole statement (SQLSTATE AJ409).
    batch.output('updated', `ajar_expect_rows((SELECT count(*) FROM ${updated}), 1)`);
    batch.translateErrors((error) => (pgErrorCode(error) === PgErrorCode.RowsMovedOn ? new StreamVersionConflict(caseId, loaded.version) : undefined));
    this.record(batch, tenantId, caseId, loaded.version, decision, actor);
    alongside?.(batch);
    await batch.execute(this.dataSource);
    return { id: caseId, state: next.state, caseVersion: next.caseVersion, version };
  }

  /** Adds the events and the outbox rows of the decision to the command's batch. */
  private record(
    batch: WriteBatch,
    tenantId: string,
    caseId: string,
    expectedVersion: number,
    decision: Decision,
    actor: Actor,
  ): void {
    const context = currentEventContext(actor);
    const stored = this.events.appendTo(
      batch,
      { tenantId, streamType: CASE_STREAM, streamId: caseId, expectedVersion, events: decision.events, annotations: { caseState: decision.next.state } },
      context,
    );
    const screening = stored.filter((event) => event.type === 'ScreeningRequested');
    this.outbox.addTo(
      batch,
      screening.map((event) => ({
        tenantId,
        eventId: event.id,
        destination: Queues.Appraisal,
        type: 'case.screening_requested.v1',
        correlationId: context.correlationId,
        data: { caseId, caseVersion: Number(event.payload.caseVersion) },
      })),
    );
    // Escalations are also findable from outside the case (the advisor's tenant answers by id).
    for (const event of stored) {
      const escalationId = event.payload.escalationId;
      if (typeof escalationId !== 'string') continue;
      if (event.type === 'EscalationRaised') {
        batch.add(
          `INSERT INTO case_escalations (id, tenant_id, case_id, target, advisor_tenant_id, status, due_at, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, now())`,
          [escalationId, tenantId, caseId, event.payload.target, event.payload.advisorTenantId ?? null, event.payload.dueAt],
        );
      } else if (event.type === 'AdviceReceived' || event.type === 'EscalationWithdrawn') {
        batch.add(`UPDATE case_escalations SET status = $3 WHERE tenant_id = $1 AND id = $2`, [tenantId, escalationId, event.type === 'AdviceReceived' ? 'answered' : 'withdrawn']);
      }
    }
    // Notices (e-mail) go through the outbox too: the job carries the event id only.
    this.outbox.addTo(
      batch,
      stored
        .filter((event) => noticeAudiences(event.type, event.payload).length > 0)
        .map((event) => ({ tenantId, eventId: event.id, destination: Queues.Notices, type: NOTICE_DUE, correlationId: context.correlationId, data: { eventId: event.id, caseId } })),
    );
    // Every due time an event sets becomes durable deadlines (its reminders and the due time
    // itself): the rows here, their alarms (delayed jobs) through the outbox, in one statement.
    const deadlines = stored.flatMap((event) => deadlinesOf(event.type, event.payload, event.occurredAt).map((deadline) => ({ ...deadline, id: uuidv7(), eventId: event.id })));
    if (deadlines.length > 0) {
      batch.add(
        `INSERT INTO case_deadlines (id, tenant_id, case_id, kind, subject_id, alarm, due_at, state, created_at)
         SELECT d.id, $2, $3, d.kind, d.subject_id, d.alarm, d.due_at, 'pending', now()
           FROM unnest($1::uuid[], $4::text[], $5::uuid[], $6::text[], $7::timestamptz[]) AS d(id, kind, subject_id, alarm, due_at)`,
        [deadlines.map((d) => d.id), tenantId, caseId, deadlines.map((d) => d.kind), deadlines.map((d) => d.subjectId), deadlines.map((d) => d.alarm), deadlines.map((d) => d.at)],
      );
      this.outbox.addTo(
        batch,
        deadlines.map((deadline) => ({
          tenantId,
          eventId: deadline.eventId,
          destination: Queues.Deadlines,
          type: DEADLINE_DUE,
          correlationId: context.correlationId,
          data: { deadlineId: deadline.id, caseId, notBefore: deadline.at },
        })),
      );
    }
  }
}
