import { Injectable, Logger } from '@nestjs/common';
import { ActorDirectory, type NoticeRecipient } from '@ajar/access';
import { NoticeAudience, noticeAudiences } from '@ajar/cases';
import { EventHistory, type StoredEvent } from '@ajar/event-store';
import { ConsumesQueue, QueueConsumer, QueueEnvelope, Queues } from '@ajar/messaging';
import { renderNotice } from '../domain/render-notice';
import { NoticeDeliveryRepository } from './notice-delivery.repository';
import { NoticeMailer, NoticeMailFailed, scrub } from './notice-mailer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    private readonly history: EventHistory,
    private readonly actors: ActorDirectory,
    private readonly deliveries: NoticeDeliveryRepository,
    private readonly mailer: NoticeMailer,
  ) {}

  async consume(envelope: QueueEnvelope): Promise<void> {
    if (!this.mailer.enabled) return;
    const eventId = String(envelope.data.eventId);
    if (!UUID.test(eventId)) return;
    const event = await this.history.find(envelope.tenantId, eventId, 'case');
    if (!event) {
      this.logger.warn({ eventId }, 'notice for an unknown event: nothing to send');
      return;
    }
    const roles = recipientRoles(event.tenantId, noticeAudiences(event.type, event.payload), event.payload);
    // A national advisor's keys count only while its tenant is registered as an advisor of the case's tenant.
    const recipients = await this.actors.noticeRecipients(event.tenantId, roles);
    if (recipients.length === 0) return;

    const owedKeys = new Set(await this.deliveries.owed(event.id, event.tenantId, recipients.map((recipient) => recipient.keyId)));
    const owed = recipients.filter((recipient) => owedKeys.has(recipient.keyId));
    if (owed.length === 0) return;
    const notice = renderNotice({ id: event.id, type: event.type, caseId: event.streamId, occurredAt: event.occurredAt, payload: event.payload });
    const results = await Promise.allSettled(owed.map((recipient) => this.deliver(event, recipient, notice)));
    const failed = results.filter((result) => result.status === 'rejected');
    this.logger.log({ eventId: event.id, type: event.type, sent: owed.length - failed.length, failed: failed.length }, 'notice e-mailed');
    if (failed.length > 0) {
      const unexpected = failed.find((result) => !(result.reason instanceof NoticeMailFailed));
      if (unexpected) throw unexpected.reason;
      throw new NoticeNotDelivered(event.id, failed.length, owed.length);
    }
  }

  private async deliver(event: StoredEvent, recipient: NoticeRecipient, notice: { subject: string; text: string }): Promise<void> {
    try {
      await this.mailer.send({ to: recipient.contactEmail, subject: notice.subject, text: notice.text, messageId: `<${event.id}.${recipient.keyId}@ajar>` });
    } catch (error) {
      // The key id names the recipient; the address stays out of the row and the log.
      const reason = scrub(error instanceof NoticeMailFailed ? error.reason : this.mailer.reasonOf(error), [recipient.contactEmail]);
      await this.deliveries.markRefused(event.id, recipient.keyId, reason);
      this.logger.warn({ eventId: event.id, recipientKeyId: recipient.keyId, err: reason }, 'notice e-mail not sent');
      throw error;
    }
    await this.deliveries.markSent(event.id, recipient.keyId);
  }
}
