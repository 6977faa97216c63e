import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { uuidv7 } from '@ajar/database';

/** The answer stored for a message (status 0: still being handled). */
export interface StoredInboundAnswer {
  status: number;
  response: Record<string, unknown>;
}

/**
 * Messages received from inbound integrations, one per (integration, `webhook-id`): the row is
 * both the deduplication claim and the stored answer. Raw SQL: the claim is an
 * `INSERT ... ON CONFLICT DO NOTHING RETURNING`, and abandonment is judged by the database clock.
 */
@Injectable()
export class InboundMessageRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the webhook-id for this delivery; the new row's id, or undefined when it was received before. */
  async claim(integrationId: string, tenantId: string, webhookId: string, type: string | null): Promise<string | undefined> {
    const inserted: { id: string }[] = await this.dataSource.query(
      `INSERT INTO inbound_messages (id, tenant_id, integration_id, webhook_id, type, received_at, status, response, case_id)
       VALUES ($1, $2, $3, $4, $5, now(), 0, '{}', NULL) ON CONFLICT (integration_id, webhook_id) DO NOTHING RETURNING id`,
      [uuidv7(), tenantId, integrationId, webhookId, type],
    );
    return inserted[0]?.id;
  }

  /** Takes over a message still unanswered after `abandonedAfterSeconds` (its handler crashed); its id, or undefined. */
  async takeOverAbandoned(integrationId: string, webhookId: string, abandonedAfterSeconds: number): Promise<string | undefined> {
    const [taken]: { id: string }[][] = await this.dataSource.query(
      `UPDATE inbound_messages SET received_at = now() WHERE integration_id = $1 AND webhook_id = $2 AND status = 0
          AND received_at < now() - make_interval(secs => $3) RETURNING id`,
      [integrationId, webhookId, abandonedAfterSeconds],
    );
    return taken[0]?.id;
  }

  async findAnswer(integrationId: string, webhookId: string): Promise<StoredInboundAnswer | undefined> {
    const [first]: StoredInboundAnswer[] = await this.dataSource.query(
      `SELECT status, response FROM inbound_messages WHERE integration_id = $1 AND webhook_id = $2`,
      [integrationId, webhookId],
    );
    return first;
  }

  /** Stores the answer given, to give it again to a redelivery. */
  async settle(id: string, status: number, response: Record<string, unknown>, caseId: string | null): Promise<void> {
    await this.dataSource.query(`UPDATE inbound_messages SET status = $2, response = $3, case_id = $4 WHERE id = $1`, [id, status, JSON.stringify(response), caseId]);
  }

  /** Frees the webhook-id, so the sender's retry is handled afresh. */
  async forget(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM inbound_messages WHERE id = $1`, [id]);
  }
}
