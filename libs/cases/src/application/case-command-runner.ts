import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { StreamVersionConflict } from '@ajar/kernel';
import { Queues } from '@ajar/messaging';
import type { Actor } from '@ajar/observability';
import { Outbox } from '@ajar/outbox';
import { CaseSnapshot, Decision, pendingDisclosures } from '../domain/case-lifecycle';
import { CaseNotFound } from '../domain/case.errors';
import type { CaseState } from '../domain/case-state';
import type { CaseContent, Disclosure } from '../domain/case-content';

export const CASE_STREAM = 'case';

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
}

/**
 * Runs a case command in one transaction: read the case, let the pure lifecycle decide, write
 * the read model (checked against the version read), append the events, and add the outbox rows.
 * Nothing is enqueued here: the relay publishes after commit.
 */
@Injectable()
export class CaseCommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly outbox: Outbox,
  ) {}

  async create(tenantId: string, caseId: string, actor: Actor, decide: () => Decision): Promise<CaseCommandResult> {
    const decision = decide();
    return this.dataSource.transaction(async (em) => {
      const now = new Date();
      const version = decision.events.length;
      const next = decision.next;
      await em.query(
        `INSERT INTO cases (id, tenant_id, version, case_version, state, kind, call_id, external_ref, title, level,
                            content, disclosures, pending_disclosures, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, $12, $13, $13)`,
        [
          caseId,
          tenantId,
          version,
          next.caseVersion,
          next.state,
          next.content.kind,
          next.content.callId ?? null,
          next.content.externalRef ?? null,
          next.content.title,
          JSON.stringify(next.content),
          JSON.stringify(next.disclosures),
          pendingDisclosures(next),
          now,
        ],
      );
      await this.record(em, tenantId, caseId, 0, decision, actor);
      return { id: caseId, state: next.state, caseVersion: next.caseVersion, version };
    });
  }

  async change(
    tenantId: string,
    caseId: string,
    actor: Actor,
    decide: (current: CaseSnapshot) => Decision,
    /** The version the client read (If-Match); without it, the version read here. */
    expectedVersion?: number,
  ): Promise<CaseCommandResult> {
    return this.dataSource.transaction(async (em) => {
      // Optimistic: no lock on read. Of two concurrent commands, the second one's conditional
      // UPDATE finds the version moved on and the whole transaction rolls back with a 409.
      const rows: CaseRow[] = await em.query(
        `SELECT id, version, case_version, state, content, disclosures FROM cases WHERE tenant_id = $1 AND id = $2`,
        [tenantId, caseId],
      );
      const row = rows[0];
      if (!row) throw new CaseNotFound(caseId);
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw new StreamVersionConflict(caseId, expectedVersion);
      }
      const decision = decide({
        id: row.id,
        state: row.state,
        caseVersion: row.case_version,
        content: row.content,
        disclosures: row.disclosures,
      });
      const next = decision.next;
      const version = row.version + decision.events.length;
      // Through the query runner for a structured result: EntityManager.query gives [rows, count].
      const updated = await em.queryRunner!.query(
        `UPDATE cases SET version = $3, case_version = $4, state = $5, kind = $6, call_id = $7, external_ref = $8,
                          title = $9, content = $10, disclosures = $11, pending_disclosures = $12, updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND version = $13`,
        [
          tenantId,
          caseId,
          version,
          next.caseVersion,
          next.state,
          next.content.kind,
          next.content.callId ?? null,
          next.content.externalRef ?? null,
          next.content.title,
          JSON.stringify(next.content),
          JSON.stringify(next.disclosures),
          pendingDisclosures(next),
          row.version,
        ],
        true,
      );
      if (updated.affected !== 1) throw new StreamVersionConflict(caseId, row.version);
      await this.record(em, tenantId, caseId, row.version, decision, actor);
      return { id: caseId, state: next.state, caseVersion: next.caseVersion, version };
    });
  }

  private async record(
    em: EntityManager,
    tenantId: string,
    caseId: string,
    expectedVersion: number,
    decision: Decision,
    actor: Actor,
  ): Promise<void> {
    const context = currentEventContext(actor);
    const stored = await this.events.append(
      em,
      { tenantId, streamType: CASE_STREAM, streamId: caseId, expectedVersion, events: decision.events },
      context,
    );
    const screening = stored.filter((event) => event.type === 'ScreeningRequested');
    await this.outbox.add(
      em,
      screening.map((event) => ({
        tenantId,
        eventId: event.id,
        destination: Queues.Appraisal,
        type: 'case.screening_requested.v1',
        correlationId: context.correlationId,
        data: { caseId, caseVersion: Number(event.payload.caseVersion) },
      })),
    );
  }
}
