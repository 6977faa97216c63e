import { Command } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import type { NumberedRow } from '../../../domain/list-entry-parsing';

export type { NumberedRow };

export interface PublishedListVersion {
  listId: string;
  version: number;
  entryCount: number;
  /** Rows left out by kind, where a format counts them (OFAC vessels and aircraft). */
  skipped?: Record<string, number>;
  diff: { added: number; removed: number; changed: number };
  createdAt: string;
}

/** A new version from a stream of parsed rows; the rows are consumed once, as they arrive. */
export class PublishListVersionCommand extends Command<PublishedListVersion> {
  constructor(
    readonly tenantId: string,
    readonly listId: string,
    readonly rows: AsyncIterable<NumberedRow>,
    /** Accept a version with less than half the previous one's entries (truncation guard). */
    readonly force: boolean,
    readonly actor: Actor,
  ) {
    super();
  }
}
