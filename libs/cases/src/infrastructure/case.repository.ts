import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { StreamVersionConflict } from '@ajar/kernel';
import { storeIdempotentAnswer } from '@ajar/http';
import { Queues } from '@ajar/messaging';
import type { Actor } from '@ajar/observability';
import { Outbox } from '@ajar/outbox';
import { CASE_STREAM, CaseChanges, CaseCommandResult, NoExtra } from '../application/case-changes';
import { CaseSnapshot, Decision, pendingDisclosures } from '../domain/case-lifecycle';
import { storedWorkflow } from '../domain/case-workflow';
import { CaseNotFound } from '../domain/case.errors';
import { CaseOrmEntity } from './persistence/case.orm-entity';
import { CaseDeadlinesProjection } from './projections/case-deadlines.projection';
import { CaseEscalationsProjection } from './projections/case-escalations.projection';
import { CaseNoticesProjection } from './projections/case-notices.projection';
import type { CaseProjection } from './projections/case-projection';

/** A case as read for a command: its snapshot for the lifecycle, and what the write checks against. */
export interface LoadedCase {
  snapshot: CaseSnapshot;
  /** The stream version read; the write expects it unchanged. */
  version: number;
  callId: string | null;
  updatedAt: Date;
}

/** Further writes that belong to the same change (e.g. the assessment it records), in its transaction. */
export type AlongsideWrites = (tx: EntityManager) => Promise<void>;

/** What a change does besides the case itself. */
export interface ChangeOptions<Extra extends object> {
  /** The version the client read (If-Match); without it, the version read by `load`. */
  expectedVersion?: number;
  alongside?: AlongsideWrites;
  /** What the command answers besides the case's summary (the ids it created). */
  answerWith?: Extra;
}

/**
 * The read-model columns a change writes. Given the snapshot the change started from, content and
 * disclosures the change kept (the same objects: the lifecycle is pure and copies what it changes)
 * are left out, so PostgreSQL neither parses that JSON again nor writes new TOAST chunks (about
 * 10 kB for each appraisal).
 */
function readModelColumns(version: number, next: CaseSnapshot, previous?: CaseSnapshot) {
  return {
    version,
    caseVersion: next.caseVersion,
    state: next.state,
    kind: next.content.kind,
    callId: next.content.callId ?? null,
    externalRef: next.content.externalRef ?? null,
    title: next.content.title,
    ...(next.content === previous?.content ? {} : { content: next.content }),
    ...(next.disclosures === previous?.disclosures ? {} : { disclosures: next.disclosures }),
    pendingDisclosures: pendingDisclosures(next),
    adjudications: next.adjudications,
    workflow: next.workflow,
  };
}

/**
 * Loads and saves a case, one transaction per command: the read model (checked against the version
 * read: optimistic concurrency), the events, the outbox row asking for screening, then every
 * projection step (escalations, deadlines, notices), the caller's own writes and, last, the
 * command's answer as its request's Idempotency-Key answer (when the request has a key), so a
 * retry after a crash between COMMIT and response gets the answer. Nothing is enqueued here: the
 * relay publishes the outbox after commit.
 */
@Injectable()
export class CaseRepository extends CaseChanges {
  private readonly projections: readonly CaseProjection[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly outbox: Outbox,
    escalations: CaseEscalationsProjection,
    deadlines: CaseDeadlinesProjection,
    notices: CaseNoticesProjection,
  ) {
    super();
    this.projections = [escalations, deadlines, notices];
  }

  async create(tenantId: string, caseId: string, actor: Actor, decide: () => Decision): Promise<CaseCommandResult> {
    const decision = decide();
    const version = decision.events.length;
    const next = decision.next;
    const now = new Date();
    const answer: CaseCommandResult = { id: caseId, state: next.state, caseVersion: next.caseVersion, version };
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(CaseOrmEntity).insert({
        id: caseId,
        tenantId,
        ...readModelColumns(version, next),
        level: null,
        // Milliseconds, as JavaScript gives them: keyset cursors carry created_at at that precision.
        createdAt: now,
        updatedAt: now,
      });
      await this.record(tx, tenantId, caseId, 0, decision, actor);
      await storeIdempotentAnswer(tx, answer);
    });
    return answer;
  }

  /** The case's state and versions, or null if the tenant has no such case. */
  async summary(tenantId: string, caseId: string): Promise<CaseCommandResult | null> {
    const row = await this.dataSource.getRepository(CaseOrmEntity).findOne({
      select: { state: true, caseVersion: true, version: true },
      where: { tenantId, id: caseId },
    });
    return row ? { id: caseId, state: row.state, caseVersion: row.caseVersion, version: row.version } : null;
  }

  /** The case as a command sees it, or null if the tenant has no such case. */
  async load(tenantId: string, caseId: string): Promise<LoadedCase | null> {
    const row = await this.dataSource.getRepository(CaseOrmEntity).findOne({
      select: { id: true, version: true, caseVersion: true, state: true, content: true, disclosures: true, level: true, adjudications: true, workflow: true, callId: true, updatedAt: true },
      where: { tenantId, id: caseId },
    });
    if (!row) return null;
    return {
      version: row.version,
      callId: row.callId,
      updatedAt: row.updatedAt,
      snapshot: {
        id: row.id,
        state: row.state,
        caseVersion: row.caseVersion,
        content: row.content,
        disclosures: row.disclosures,
        level: row.level,
        adjudications: row.adjudications,
        // Rows written before a workflow field existed read it as its empty value.
        workflow: storedWorkflow(row.workflow),
      },
    };
  }

  async change<Extra extends object = NoExtra>(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    /** The version the client read (If-Match); without it, the version read here. */
    expectedVersion?: number,
    answerWith?: Extra,
  ): Promise<CaseCommandResult & Extra> {
    return this.changeWith(tenantId, caseId, actor, decide, { expectedVersion, answerWith });
  }

  /** `change` with writes alongside (a job's own bookkeeping), in the change's transaction. */
  async changeWith<Extra extends object = NoExtra>(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    options: ChangeOptions<Extra>,
  ): Promise<CaseCommandResult & Extra> {
    const loaded = await this.load(tenantId, caseId);
    if (!loaded) throw new CaseNotFound(caseId);
    return this.changeLoaded(tenantId, loaded, actor, decide, options);
  }

  /**
   * `change` for a case the caller has just loaded (`load`). Optimistic: the read takes no lock.
   * The transaction's UPDATE checks the version read; if another command moved the case on since,
   * it finds no row (or the events collide on their stream version) and the whole change is
   * rolled back with a 409.
   */
  async changeLoaded<Extra extends object = NoExtra>(
    tenantId: string,
    loaded: LoadedCase,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    { expectedVersion, alongside, answerWith }: ChangeOptions<Extra> = {},
  ): Promise<CaseCommandResult & Extra> {
    const caseId = loaded.snapshot.id;
    if (expectedVersion !== undefined && expectedVersion !== loaded.version) {
      throw new StreamVersionConflict(caseId, expectedVersion);
    }
    const decision = decide(loaded.snapshot);
    const next = decision.next;
    const version = loaded.version + decision.events.length;
    // Object.assign types the answer as the summary & Extra, which a spread of an optional Extra does not.
    const answer = Object.assign({ id: caseId, state: next.state, caseVersion: next.caseVersion, version }, answerWith);
    await this.dataSource.transaction(async (tx) => {
      const updated = await tx
        .createQueryBuilder()
        .update(CaseOrmEntity)
        .set({ ...readModelColumns(version, next, loaded.snapshot), level: next.level, updatedAt: () => 'now()' })
        .where('tenant_id = :tenantId AND id = :caseId AND version = :version', { tenantId, caseId, version: loaded.version })
        .execute();
      if (updated.affected !== 1) throw new StreamVersionConflict(caseId, loaded.version);
      await this.record(tx, tenantId, caseId, loaded.version, decision, actor);
      await alongside?.(tx);
      await storeIdempotentAnswer(tx, answer);
    });
    return answer;
  }

  /** Appends the decision's events, asks for screening through the outbox, and runs the projections. */
  private async record(tx: EntityManager, tenantId: string, caseId: string, expectedVersion: number, decision: Decision, actor: Actor): Promise<void> {
    const context = currentEventContext(actor);
    const stored = await this.events.append(
      tx,
      { tenantId, streamType: CASE_STREAM, streamId: caseId, expectedVersion, events: decision.events, annotations: { caseState: decision.next.state } },
      context,
    );
    await this.outbox.add(
      tx,
      stored
        .filter((event) => event.type === 'ScreeningRequested')
        .map((event) => ({
          tenantId,
          eventId: event.id,
          destination: Queues.Appraisal,
          type: 'case.screening_requested.v1',
          correlationId: context.correlationId,
          data: { caseId, caseVersion: Number(event.payload.caseVersion) },
        })),
    );
    const change = { tenantId, caseId, events: stored, correlationId: context.correlationId };
    for (const projection of this.projections) await projection.apply(tx, change);
  }
}
