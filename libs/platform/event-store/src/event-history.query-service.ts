import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { EventRecordOrmEntity } from './event-record.orm-entity';
import type { StoredEvent } from './event-store';

function toStored(record: EventRecordOrmEntity): StoredEvent {
  const { position: _position, ...event } = record;
  return event;
}

/**
 * Reads of stored events by id, stream and type, for the contexts whose read models need more
 * than their own tables hold (decision letters, notices, list monitoring). Always within a tenant.
 */
@Injectable()
export class EventHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One event of the tenant, of the given stream type; null if there is none such. */
  async find(tenantId: string, eventId: string, streamType: string): Promise<StoredEvent | null> {
    const record = await this.dataSource.getRepository(EventRecordOrmEntity).findOne({ where: { tenantId, id: eventId, streamType } });
    return record ? toStored(record) : null;
  }

  /** A stream's events of the given types, in stream order. */
  async ofTypes(tenantId: string, streamId: string, types: readonly string[]): Promise<StoredEvent[]> {
    if (types.length === 0) return [];
    const records = await this.dataSource.getRepository(EventRecordOrmEntity).find({
      where: { tenantId, streamId, type: In([...types]) },
      order: { streamVersion: 'ASC' },
    });
    return records.map(toStored);
  }

  /**
   * Of the given streams, those holding an event of `type` whose payload contains `payload`
   * (JSON containment: every key given, with that value).
   */
  async streamsWith(tenantId: string, streamIds: readonly string[], type: string, payload: Record<string, string | number | boolean>): Promise<string[]> {
    if (streamIds.length === 0) return [];
    const rows: { streamId: string }[] = await this.dataSource
      .getRepository(EventRecordOrmEntity)
      .createQueryBuilder('e')
      .select('DISTINCT e.streamId', 'streamId')
      .where('e.tenantId = :tenantId', { tenantId })
      .andWhere('e.streamId IN (:...streamIds)', { streamIds })
      .andWhere('e.type = :type', { type })
      .andWhere('e.payload @> :payload::jsonb', { payload: JSON.stringify(payload) })
      .getRawMany();
    return rows.map((row) => row.streamId);
  }
}
