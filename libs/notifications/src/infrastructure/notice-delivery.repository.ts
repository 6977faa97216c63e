import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * One row per notice and recipient key (`notice_deliveries`): the row makes a send once-only across
 * redelivered and repeated jobs; `sent_at` says it went, `last_error` keeps the last refusal.
 * Raw SQL: the rows of all recipients go in one `INSERT … SELECT unnest(…) ON CONFLICT DO NOTHING`.
 */
@Injectable()
export class NoticeDeliveryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a delivery for each recipient (once) and answers the recipient keys not yet sent to. */
  async owed(eventId: string, tenantId: string, recipientKeyIds: readonly string[]): Promise<string[]> {
    if (recipientKeyIds.length === 0) return [];
    await this.dataSource.query(
      `INSERT INTO notice_deliveries (event_id, recipient_key_id, tenant_id, created_at)
       SELECT $1, k, $2, now() FROM unnest($3::uuid[]) AS k
       ON CONFLICT (event_id, recipient_key_id) DO NOTHING`,
      [eventId, tenantId, recipientKeyIds],
    );
    const sent: { recipient_key_id: string }[] = await this.dataSource.query(
      `SELECT recipient_key_id FROM notice_deliveries WHERE event_id = $1 AND recipient_key_id = ANY($2::uuid[]) AND sent_at IS NOT NULL`,
      [eventId, recipientKeyIds],
    );
    const done = new Set(sent.map((row) => row.recipient_key_id));
    return recipientKeyIds.filter((id) => !done.has(id));
  }

  async markRefused(eventId: string, recipientKeyId: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE notice_deliveries SET last_error = $3 WHERE event_id = $1 AND recipient_key_id = $2`, [eventId, recipientKeyId, reason]);
  }

  /** `last_error` stays: the operator sees that a refusal came before the send. */
  async markSent(eventId: string, recipientKeyId: string): Promise<void> {
    await this.dataSource.query(`UPDATE notice_deliveries SET sent_at = now() WHERE event_id = $1 AND recipient_key_id = $2 AND sent_at IS NULL`, [eventId, recipientKeyId]);
  }
}
