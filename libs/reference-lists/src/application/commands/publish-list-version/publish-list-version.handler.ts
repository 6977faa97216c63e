import { Logger } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import type { ReferenceListEntry } from '@ajar/appraisal';
import { currentEventContext, EventStore } from '@ajar/event-store';
import { DomainError } from '@ajar/kernel';
import { Queues } from '@ajar/messaging';
import { indexingProblem } from '@ajar/matching';
import { Outbox } from '@ajar/outbox';
import { problemPlace, type RowProblem } from '../../../domain/list-entry-parsing';
import { REFERENCE_LIST_STREAM } from '../define-reference-list/define-reference-list.handler';
import { PublishedListVersion, PublishListVersionCommand } from './publish-list-version.command';

const INSERT_BATCH = 1000;
const PROBLEMS_SHOWN = 100;

/**
 * Streams an upload into a new immutable list version inside one transaction: entries go in as
 * they are read (the upload never sits whole in memory), and nothing is visible unless every row
 * is good and the truncation guard passes. Then the diff against the previous version is counted.
 */
@CommandHandler(PublishListVersionCommand)
export class PublishListVersionHandler implements ICommandHandler<PublishListVersionCommand, PublishedListVersion> {
  private readonly logger = new Logger(PublishListVersionHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventStore,
    private readonly outbox: Outbox,
  ) {}

  async execute(command: PublishListVersionCommand): Promise<PublishedListVersion> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const result = await this.publish(runner, command);
      await runner.commitTransaction();
      await this.refreshStatistics();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * Planner statistics that count the new version at once (autovacuum gets there later, or never
   * where it is off): a large upload changes the table's size by orders of magnitude. A failure
   * here loses nothing.
   */
  private async refreshStatistics(): Promise<void> {
    try {
      await this.dataSource.query(`ANALYZE reference_list_entries`);
    } catch (error) {
      this.logger.warn({ error: (error as Error).message }, 'could not analyse reference_list_entries after an upload');
    }
  }

  private async publish(runner: QueryRunner, command: PublishListVersionCommand): Promise<PublishedListVersion> {
    const lists: { id: string; kind: string; topic_severity: Record<string, string>; current_version: number; stream_version: number }[] = await runner.query(
      `SELECT id, kind, topic_severity, current_version, stream_version FROM reference_lists WHERE tenant_id = $1 AND list_id = $2 FOR UPDATE`,
      [command.tenantId, command.listId],
    );
    const list = lists[0];
    if (!list) {
      throw new DomainError('LIST.NOT_FOUND', `List "${command.listId}" is not defined: PUT /v1/reference-lists/${command.listId} first.`, 'not_found');
    }
    const version = list.current_version + 1;
    const problems: RowProblem[] = [];
    let problemCount = 0;
    const seen = new Set<string>();
    let batch: ReferenceListEntry[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const values = batch.map((_, index) => `($1, $2, $3, $${index * 2 + 4}, $${index * 2 + 5})`).join(', ');
      await runner.query(
        `INSERT INTO reference_list_entries (tenant_id, list_id, version, entry_id, entry) VALUES ${values}`,
        [command.tenantId, command.listId, version, ...batch.flatMap((entry) => [entry.entryId, JSON.stringify(entry)])],
      );
      batch = [];
    };
    const skipped = new Map<string, number>();
    const refuse = (problem: RowProblem): void => {
      problemCount += 1;
      if (problems.length < PROBLEMS_SHOWN) problems.push(problem);
    };

    for await (const { line, file, row } of command.rows) {
      if ('skip' in row) {
        if (row.kind !== undefined) skipped.set(row.kind, (skipped.get(row.kind) ?? 0) + 1);
        continue;
      }
      if ('problem' in row) {
        refuse({ file, line, reason: row.problem });
        continue;
      }
      if (seen.has(row.entry.entryId)) {
        refuse({ file, line, reason: `id "${row.entry.entryId}" appears twice` });
        continue;
      }
      // Dry run of indexing: an entry the screening index could not analyse is refused here, with
      // its line, instead of failing every worker that loads the version.
      const unindexable = indexingProblem(row.entry);
      if (unindexable !== undefined) {
        refuse({ file, line, reason: unindexable });
        continue;
      }
      seen.add(row.entry.entryId);
      count += 1;
      // After the first bad row nothing more is written: the version will be refused anyway.
      if (problemCount === 0) {
        batch.push(row.entry);
        if (batch.length >= INSERT_BATCH) await flush();
      }
    }
    if (problemCount > 0) {
      throw new DomainError(
        'LIST.BAD_ROWS',
        `${problemCount} row(s) of the upload are not valid; nothing was stored. ${problems.slice(0, 3).map((problem) => `${problemPlace(problem)}: ${problem.reason}`).join('; ')}`,
        'unprocessable',
        { errors: problems.map((problem) => ({ field: problemPlace(problem), reason: problem.reason })), badRows: problemCount },
      );
    }
    await flush();
    if (count === 0) {
      throw new DomainError('LIST.EMPTY', 'The upload holds no organisation or person entity; nothing was stored.', 'unprocessable');
    }

    const previous = list.current_version;
    let diff = { added: count, removed: 0, changed: 0 };
    if (previous > 0) {
      const [{ entry_count: previousCount }]: { entry_count: number }[] = await runner.query(
        `SELECT entry_count FROM reference_list_versions WHERE tenant_id = $1 AND list_id = $2 AND version = $3`,
        [command.tenantId, command.listId, previous],
      );
      if (count * 2 < previousCount && !command.force) {
        throw new DomainError(
          'LIST.TRUNCATION_GUARD',
          `The new version has ${count} entries, less than half of version ${previous} (${previousCount}). If that is intended, upload again with force=true.`,
          'unprocessable',
          { errors: [{ field: 'force', reason: 'required when a version shrinks by more than half' }], previousCount, count },
        );
      }
      const [counted]: { added: number; removed: number; changed: number }[] = await runner.query(
        `SELECT count(*) FILTER (WHERE o.entry_id IS NULL)::int AS added,
                count(*) FILTER (WHERE n.entry_id IS NULL)::int AS removed,
                count(*) FILTER (WHERE n.entry_id IS NOT NULL AND o.entry_id IS NOT NULL AND n.entry <> o.entry)::int AS changed
           FROM (SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $3) n
           FULL JOIN (SELECT entry_id, entry FROM reference_list_entries WHERE tenant_id = $1 AND list_id = $2 AND version = $4) o
             ON o.entry_id = n.entry_id`,
        [command.tenantId, command.listId, version, previous],
      );
      diff = counted;
    }
    const createdAt = new Date();
    await runner.query(
      `INSERT INTO reference_list_versions (tenant_id, list_id, version, kind, topic_severity, entry_count, diff, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [command.tenantId, command.listId, version, list.kind, JSON.stringify(list.topic_severity), count, JSON.stringify(diff), createdAt],
    );
    await runner.query(`UPDATE reference_lists SET current_version = $2, stream_version = stream_version + 1 WHERE id = $1`, [list.id, version]);
    const context = currentEventContext(command.actor);
    const [updated] = await this.events.append(
      runner.manager,
      {
        tenantId: command.tenantId,
        streamType: REFERENCE_LIST_STREAM,
        streamId: list.id,
        expectedVersion: list.stream_version,
        events: [{ type: 'ReferenceListUpdated', payload: { listId: command.listId, version, entryCount: count, diff } }],
      },
      context,
    );
    // Monitoring: the worker re-screens open and approved cases against what this version adds or changes.
    if (diff.added + diff.changed > 0) {
      await this.outbox.add(runner.manager, [
        {
          tenantId: command.tenantId,
          eventId: updated.id,
          destination: Queues.Monitoring,
          type: 'reference_list.updated.v1',
          correlationId: context.correlationId,
          data: { listId: command.listId, version },
        },
      ]);
    }
    return {
      listId: command.listId,
      version,
      entryCount: count,
      // Object.fromEntries defines own properties: a kind named like a prototype key stays data.
      ...(skipped.size > 0 ? { skipped: Object.fromEntries(skipped) } : {}),
      diff,
      createdAt: createdAt.toISOString(),
    };
  }
}
