import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ReferenceListEntry } from '@ajar/appraisal';

/** A tenant's reference list: what it is and how its topics weigh; its versions carry the entries. */
@Entity('reference_lists')
@Index('uq_reference_lists_tenant_list', ['tenantId', 'listId'], { unique: true })
export class ReferenceListOrmEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid')
  tenantId!: string;

  @Column('varchar', { length: 100 })
  listId!: string;

  @Column('varchar', { length: 20 })
  kind!: 'sanctions' | 'export_control' | 'research_security' | 'watchlist';

  @Column('jsonb')
  topicSeverity!: Record<string, string>;

  @Column('varchar', { length: 500, nullable: true })
  description!: string | null;

  /** 0 until the first version is published. */
  @Column('int')
  currentVersion!: number;

  /** Version of the list's event stream. */
  @Column('int')
  streamVersion!: number;

  @Column('timestamptz')
  createdAt!: Date;
}

/**
 * One immutable version of a tenant's reference list (sanctions, export control, research
 * security, own watch-list). The appraisal worker reads the latest version of each list.
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

  /** Against the previous version: entries added, removed and changed (same id, other content). */
  @Column('jsonb', { default: () => `'{"added": 0, "changed": 0, "removed": 0}'` })
  diff!: { added: number; removed: number; changed: number };

  /** Monitoring re-screen of open and approved cases against this version's new and changed entries. */
  @Column('int', { default: 0 })
  monitoringTotal!: number;

  @Column('int', { default: 0 })
  monitoringDone!: number;

  @Column('int', { default: 0 })
  monitoringAlerts!: number;

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
