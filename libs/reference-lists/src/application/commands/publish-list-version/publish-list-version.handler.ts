import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { ReferenceListEntry } from '@ajar/appraisal';
import { DomainError } from '@ajar/kernel';
import { indexingProblem } from '@ajar/matching';
import { problemPlace, type RowProblem } from '../../../domain/list-entry-parsing';
import { ListVersionDraft, ReferenceListRepository } from '../../../infrastructure/reference-list.repository';
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
  constructor(private readonly lists: ReferenceListRepository) {}

  execute(command: PublishListVersionCommand): Promise<PublishedListVersion> {
    return this.lists.publish(command.tenantId, command.listId, (draft) => this.publish(draft, command));
  }

  private async publish(draft: ListVersionDraft | undefined, command: PublishListVersionCommand): Promise<PublishedListVersion> {
    if (!draft) {
      throw new DomainError('LIST.NOT_FOUND', `List "${command.listId}" is not defined: PUT /v1/reference-lists/${command.listId} first.`, 'not_found');
    }
    const version = draft.version;
    const problems: RowProblem[] = [];
    let problemCount = 0;
    const seen = new Set<string>();
    let batch: ReferenceListEntry[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      await draft.addEntries(batch);
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

    const previous = draft.list.currentVersion;
    let diff = { added: count, removed: 0, changed: 0 };
    if (previous > 0) {
      const previousCount = await draft.entryCountOf(previous);
      if (count * 2 < previousCount && !command.force) {
        throw new DomainError(
          'LIST.TRUNCATION_GUARD',
          `The new version has ${count} entries, less than half of version ${previous} (${previousCount}). If that is intended, upload again with force=true.`,
          'unprocessable',
          { errors: [{ field: 'force', reason: 'required when a version shrinks by more than half' }], previousCount, count },
        );
      }
      diff = await draft.diffAgainst(previous);
    }
    const createdAt = new Date();
    const updated = await draft.record(count, diff, createdAt, command.actor);
    // Monitoring: the worker re-screens open and approved cases against what this version adds or changes.
    if (diff.added + diff.changed > 0) await draft.queueMonitoring(updated);
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
