import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NoticeAudience, noticeAudiences } from '@ajar/cases';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues } from '@ajar/messaging';
import { renderNotice } from '../domain/render-notice';
import { NoticeMailer, NoticeMailFailed, scrub } from './notice-mailer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface EventRow {
  id: string;
  tenant_id: string;
  stream_id: string;
  type: string;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

interface Recipient {
  id: string;
  contact_email: string;
}

/** A role to look for in a tenant's keys. */
export interface RecipientRole {
  tenantId: string;
  role: string;
}

/** Some recipients were not reached; the job fails so that BullMQ tries again. */
export class NoticeNotDelivered extends Error {
  constructor(eventId: string, failed: number, total: number) {
    super(`notice ${eventId}: ${failed} of ${total} recipients not reached; retrying`);
    this.name = 'NoticeNotDelivered';
  }
}

/**
 * The roles an event's audiences stand for, in which tenant. `answerer` is who answers the
 * escalation the payload names: the ethics committee of the case's tenant, the national advisor's
 * own tenant (`advisorTenantId`), or the rso for export control and legal questions.
 */
export function recipientRoles(tenantId: string, audiences: readonly NoticeAudience[], payload: Record<string, unknown>): RecipientRole[] {
  const roles: RecipientRole[] = [];
  for (const audience of audiences) {
    if (audience !== 'answerer') {
      roles.push({ tenantId, role: audience });
      continue;
    }
    switch (payload.target) {
      case 'ethics_committee':
        roles.push({ tenantId, role: 'ethics_committee' });
        break;
      case 'national_advisor':
        if (typeof payload.advisorTenantId === 'string' && UUID.test(payload.advisorTenantId)) {
          roles.push({ tenantId: payload.advisorTenantId.toLowerCase(), role: 'national_advisor' });
        }
        break;
      case 'export_control':
      case 'legal':
        roles.push({ tenantId, role: 'rso' });
        break;
      default:
        break;
    }
  }
  return roles;
}

/**
 * Turns a case event that is a notice into e-mails: one per active API key that carries a role
 * of the event's audiences and a contact address. Each recipient's `notice_deliveries` row makes
 * the send once-only across redelivered and repeated jobs (a row with `sent_at` is skipped); a
 * refusal is kept in `last_error` and the job fails after every other recipient has been tried,
 * so BullMQ retries only what is owed. Without `AJAR_SMTP_URL` the job completes at once.
 */
@Injectable()
@ConsumesQueue(Queues.Notices)
export class NoticeProcessor implements QueueConsumer {
  private readonly logger = new Logger(NoticeProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: NoticeMailer,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    if (!this.mailer.enabled) return;
    const eventId = String(envelope.data.eventId);
    if (!UUID.test(eventId)) return;
    const [event] = await this.dataSource.query<EventRow[]>(
      `SELECT id, tenant_id, stream_id, type, payload, occurred_at FROM events WHERE tenant_id = $1 AND id = $2 AND stream_type = 'case'`,
      [envelope.tenantId, eventId],
    );
    if (!event) {
      this.logger.warn({ eventId }, 'notice for an unknown event: nothing to send');
      return;
    }
    const roles = recipientRoles(event.tenant_id, noticeAudiences(event.type, event.payload), event.payload);
    const recipients = await this.recipients(event.tenant_id, roles);
    if (recipients.length === 0) return;

    const owed = await this.owed(event, recipients);
    if (owed.length === 0) return;
    const notice = renderNotice({ id: event.id, type: event.type, caseId: event.stream_id, occurredAt: event.occurred_at, payload: event.payload });
    const results = await Promise.allSettled(owed.map((recipient) => this.deliver(event, recipient, notice)));
    const failed = results.filter((result) => result.status === 'rejected');
    this.logger.log({ eventId: event.id, type: event.type, sent: owed.length - failed.length, failed: failed.length }, 'notice e-mailed');
    if (failed.length > 0) {
      const unexpected = failed.find((result) => !(result.reason instanceof NoticeMailFailed));
      if (unexpected) throw unexpected.reason;
      throw new NoticeNotDelivered(event.id, failed.length, owed.length);
    }
  }

  /**
   * Active keys with one of the roles and a contact address, one per key. A national advisor's
   * keys count only while its tenant is registered as an advisor of the case's tenant.
   */
  private async recipients(caseTenantId: string, roles: RecipientRole[]): Promise<Recipient[]> {
    if (roles.length === 0) return [];
    return this.dataSource.query<Recipient[]>(
      `SELECT DISTINCT ON (k.id) k.id, k.contact_email
         FROM unnest($1::uuid[], $2::text[]) AS wanted(tenant_id, role)
         JOIN api_keys k ON k.tenant_id = wanted.tenant_id AND wanted.role = ANY(k.roles)
        WHERE k.revoked_at IS NULL
          AND k.contact_email IS NOT NULL AND k.contact_email <> ''
          AND (wanted.tenant_id = $3
               OR EXISTS (SELECT 1 FROM tenant_advisors a WHERE a.tenant_id = $3 AND a.advisor_tenant_id = wanted.tenant_id))
        ORDER BY k.id`,
      [roles.map((entry) => entry.tenantId), roles.map((entry) => entry.role), caseTenantId],
    );
  }

  /** Records every recipient's delivery (once) and answers those not yet sent. */
  private async owed(event: EventRow, recipients: Recipient[]): Promise<Recipient[]> {
    const ids = recipients.map((recipient) => recipient.id);
    await this.dataSource.query(
      `INSERT INTO notice_deliveries (event_id, recipient_key_id, tenant_id, created_at)
       SELECT $1, k, $2, now() FROM unnest($3::uuid[]) AS k
       ON CONFLICT (event_id, recipient_key_id) DO NOTHING`,
      [event.id, event.tenant_id, ids],
    );
    const sent: { recipient_key_id: string }[] = await this.dataSource.query(
      `SELECT recipient_key_id FROM notice_deliveries WHERE event_id = $1 AND recipient_key_id = ANY($2::uuid[]) AND sent_at IS NOT NULL`,
      [event.id, ids],
    );
    const done = new Set(sent.map((row) => row.recipient_key_id));
    return recipients.filter((recipient) => !done.has(recipient.id));
  }

  private async deliver(event: EventRow, recipient: Recipient, notice: { subject: string; text: string }): Promise<void> {
    try {
      await this.mailer.send({ to: recipient.contact_email, subject: notice.subject, text: notice.text, messageId: `<${event.id}.${recipient.id}@ajar>` });
    } catch (error) {
      // The key id names the recipient; the address stays out of the row and the log.
      const reason = scrub(error instanceof NoticeMailFailed ? error.reason : this.mailer.reasonOf(error), [recipient.contact_email]);
      await this.dataSource.query(`UPDATE notice_deliveries SET last_error = $3 WHERE event_id = $1 AND recipient_key_id = $2`, [event.id, recipient.id, reason]);
      this.logger.warn({ eventId: event.id, recipientKeyId: recipient.id, err: reason }, 'notice e-mail not sent');
      throw error;
    }
    // `last_error` stays: the operator sees that a refusal came before the send.
    await this.dataSource.query(
      `UPDATE notice_deliveries SET sent_at = now() WHERE event_id = $1 AND recipient_key_id = $2 AND sent_at IS NULL`,
      [event.id, recipient.id],
    );
  }
}
