import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Inbox } from '@ajar/outbox';
import { ReferenceListVersionOrmEntity } from './reference-list.orm-entity';

/** A list version, as the monitoring of cases counts its progress on it. */
export interface MonitoredListVersion {
  tenantId: string;
  listId: string;
  version: number;
}

/** The message whose handling the count belongs to: counted once however often it is redelivered. */
export interface MonitoringMessage {
  consumer: string;
  messageId: string;
}

/**
 * The list versions as case monitoring sees them: the progress it reports on each version
 * (cases planned, cases re-screened, alerts raised), kept on the reference-lists context's own
 * `reference_list_versions` rows. Each count is recorded once per message: the inbox claim and the
 * count commit together.
 */
@Injectable()
export class ListMonitoringProgressRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
  ) {}

  /**
   * How many cases the monitoring of the version will look at. `alongside` (the plan's batches,
   * through the outbox) commits with the count, and only the first time the message is handled.
   */
  async recordMonitoringPlan(version: MonitoredListVersion, message: MonitoringMessage, total: number, alongside?: (tx: EntityManager) => Promise<unknown>): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.inbox.claim(tx, message.consumer, message.messageId))) return;
      await tx.getRepository(ReferenceListVersionOrmEntity).update({ tenantId: version.tenantId, listId: version.listId, version: version.version }, { monitoringTotal: total });
      await alongside?.(tx);
    });
  }

  /** A batch of cases looked at, and the alerts it raised. */
  async recordMonitoringProgress(version: MonitoredListVersion, message: MonitoringMessage, done: number, alerts: number): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await this.inbox.claim(tx, message.consumer, message.messageId))) return;
      await tx
        .createQueryBuilder()
        .update(ReferenceListVersionOrmEntity)
        .set({ monitoringDone: () => 'monitoring_done + :done', monitoringAlerts: () => 'monitoring_alerts + :alerts' })
        .where('tenant_id = :tenantId AND list_id = :listId AND version = :version', { ...version })
        .setParameters({ done, alerts })
        .execute();
    });
  }
}
