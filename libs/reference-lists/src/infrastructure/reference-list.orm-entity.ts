import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReferenceListEntry } from '@ajar/appraisal';

/**
 * One immutable version of a tenant's reference list (sanctions, export control, research
 * security, own watch-list). Uploading and diffing versions is the reference-lists issue; the
 * appraisal worker reads the latest version of each list.
 */
@Entity('reference_list_versions')
export class ReferenceListVersionOrmEntity {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @PrimaryColumn('varchar', { length: 100 })
  listId!: string;

  @PrimaryColumn('int')
  version!: number;

  @Column('varchar', { length: 20 })
  kind!: 'sanctions' | 'export_control' | 'research_security' | 'watchlist';

  /** Topic → severity mapping of the list (RULES L-006). */
  @Column('jsonb')
  topicSeverity!: Record<string, string>;

  @Column('int')
  entryCount!: number;

  @Column('timestamptz')
  createdAt!: Date;
}

@Entity('reference_list_entries')
export class ReferenceListEntryOrmEntity {
  @PrimaryColumn('uuid')
  tenantId!: string;

  @PrimaryColumn('varchar', { length: 100 })
  listId!: string;

  @PrimaryColumn('int')
  version!: number;

  @PrimaryColumn('varchar', { length: 200 })
  entryId!: string;

  /** The entry as the engine reads it: name, aliases, identifiers, country, topics. */
  @Column('jsonb')
  entry!: ReferenceListEntry;
}
