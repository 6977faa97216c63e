import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { CaseRequestIntake, INBOUND_CASE_TYPES, InboundCaseType } from '@ajar/cases';
import { ProblemException, toProblem } from '@ajar/http';
import type { Actor } from '@ajar/observability';
import { InboundIntegrationRepository } from '../infrastructure/inbound-integration.repository';
import { InboundMessageRepository } from '../infrastructure/inbound-message.repository';

export interface InboundAnswer {
  status: number;
  body: Record<string, unknown>;
  /** True when this is the stored answer to an earlier delivery of the same `webhook-id`. */
  replayed: boolean;
  headers?: Record<string, string>;
}

/** A message still being handled after this long was cut off by a crash; the next delivery takes it over. */
const ABANDONED_AFTER_SECONDS = 120;
const ENVELOPE_FIELDS = new Set(['type', 'timestamp', 'data']);

/** The case id a submission gets: derived from the message, so a redelivery finds the same case. */
export function submissionCaseId(integrationId: string, webhookId: string): string {
  const hex = createHash('sha256').update(`${integrationId}\n${webhookId}`).digest('hex');
  // RFC 9562 version 8 (custom) UUID with the variant bits set.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function unauthorized(code: string, detail: string, field: string): ProblemException {
  return new ProblemException(401, code, 'Signature not accepted', detail, [{ field, reason: detail }], { 'WWW-Authenticate': 'Standard-Webhooks' });
}

/**
 * The secret an unknown (or disabled) integration id is checked against: random, never shown, so no
 * signature matches it. The message then goes through the very checks a known id's does and gets
 * the same refusal (missing headers, stale timestamp, bad signature): the answer never tells an
 * unknown id from another tenant's integration.
 */
const NO_INTEGRATION_SECRET = `whsec_${randomBytes(32).toString('base64')}`;

/** Standard Webhooks verification failures, told apart so the sender knows what to fix. */
function signatureRefusal(error: WebhookVerificationError): ProblemException {
  const message = error.message;
  if (/missing required headers/i.test(message)) {
    return unauthorized('INBOUND.SIGNATURE_MISSING', 'webhook-id, webhook-timestamp and webhook-signature headers are required.', 'webhook-signature');
  }
  if (/timestamp too (old|new)/i.test(message) || /invalid signature headers/i.test(message)) {
    return unauthorized('INBOUND.STALE_TIMESTAMP', 'webhook-timestamp is more than 5 minutes from now (or not a timestamp).', 'webhook-timestamp');
  }
  return unauthorized('INBOUND.BAD_SIGNATURE', 'webhook-signature does not match the body and the integration secret.', 'webhook-signature');
}

function envelopeProblem(field: string, reason: string): ProblemException {
  return new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', `${field}: ${reason}`, [{ field, reason }]);
}

/**
 * Signed messages from grant and research-information systems (Standard Webhooks): verified over
 * the raw bytes with the integration's secret (±5 minutes), deduplicated on `webhook-id` — a
 * redelivery gets the first answer —, then handled as the REST write it stands for.
 */
@Injectable()
export class InboundWebhookReceiver {
  private readonly logger = new Logger(InboundWebhookReceiver.name);

  constructor(
    private readonly integrations: InboundIntegrationRepository,
    private readonly messages: InboundMessageRepository,
    private readonly intake: CaseRequestIntake,
  ) {}

  async receive(integrationId: string, rawBody: Buffer | undefined, headers: Record<string, string | string[] | undefined>, instance: string): Promise<InboundAnswer> {
    const found = await this.integrations.findForReceiving(integrationId);
    const integration = found?.state === 'enabled' ? found : undefined;
    if (!rawBody || rawBody.length === 0) throw envelopeProblem('body', 'a signed JSON message is required');
    const single: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const value = headers[name];
      if (typeof value === 'string') single[name] = value;
    }
    let payload: unknown;
    try {
      payload = new Webhook(integration?.secret ?? NO_INTEGRATION_SECRET).verify(rawBody, single);
      if (!integration) throw new WebhookVerificationError('No matching signature found');
    } catch (error) {
      if (error instanceof WebhookVerificationError) throw signatureRefusal(error);
      throw envelopeProblem('body', 'must be a JSON object');
    }
    const webhookId = single['webhook-id'];
    if (webhookId.length > 200) throw envelopeProblem('webhook-id', 'must be at most 200 characters');

    const claimed = await this.claim(integrationId, integration.tenantId, webhookId, payload);
    if (!claimed.mine) return claimed.answer;

    const actor: Actor & { tenantId: string } = { kind: 'integration', id: integrationId, tenantId: integration.tenantId, roles: ['integrator'] };
    try {
      const { type, data } = this.envelope(payload);
      const result = await this.intake.execute(type, data, actor, submissionCaseId(integrationId, webhookId));
      const body = { ...result } as unknown as Record<string, unknown>;
      await this.messages.settle(claimed.id, 202, body, result.id);
      return { status: 202, body, replayed: false };
    } catch (error) {
      const { problem, headers: problemHeaders } = toProblem(error, instance);
      if (problem.status >= 500) {
        // Not an answer to keep: free the webhook-id so the sender's retry is handled afresh.
        await this.messages.forget(claimed.id);
        this.logger.error({ err: (error as Error).message, integrationId, webhookId }, 'inbound message failed');
        throw error;
      }
      await this.messages.settle(claimed.id, problem.status, problem as unknown as Record<string, unknown>, null);
      return { status: problem.status, body: problem as unknown as Record<string, unknown>, replayed: false, headers: problemHeaders };
    }
  }

  private envelope(payload: unknown): { type: InboundCaseType; data: Record<string, unknown> } {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) throw envelopeProblem('body', 'must be a JSON object');
    const envelope = payload as Record<string, unknown>;
    for (const key of Object.keys(envelope)) if (!ENVELOPE_FIELDS.has(key)) throw envelopeProblem(key, 'is not a known field of this request');
    if (typeof envelope.type !== 'string' || !(INBOUND_CASE_TYPES as readonly string[]).includes(envelope.type)) {
      throw envelopeProblem('type', `must be one of ${INBOUND_CASE_TYPES.join(', ')}`);
    }
    if (envelope.data === null || typeof envelope.data !== 'object' || Array.isArray(envelope.data)) throw envelopeProblem('data', 'must be an object');
    return { type: envelope.type as InboundCaseType, data: envelope.data as Record<string, unknown> };
  }

  /** Claims the webhook-id, or gives the answer already given (or 409 while it is being handled). */
  private async claim(
    integrationId: string,
    tenantId: string,
    webhookId: string,
    payload: unknown,
  ): Promise<{ mine: true; id: string } | { mine: false; answer: InboundAnswer }> {
    // Logged as sent (even an unknown type), so the inbound log shows what arrived.
    const sentType = (payload as { type?: unknown } | null)?.type;
    const type = typeof sentType === 'string' ? sentType.slice(0, 80) : null;
    const claimed = await this.messages.claim(integrationId, tenantId, webhookId, type);
    if (claimed !== undefined) return { mine: true, id: claimed };
    const taken = await this.messages.takeOverAbandoned(integrationId, webhookId, ABANDONED_AFTER_SECONDS);
    if (taken !== undefined) return { mine: true, id: taken };
    const first = await this.messages.findAnswer(integrationId, webhookId);
    if (!first || first.status === 0) {
      throw new ProblemException(409, 'INBOUND.IN_PROGRESS', 'Message being handled', `Message ${webhookId} is being handled; retry shortly for its answer.`, undefined, {
        'Retry-After': '1',
      });
    }
    return { mine: false, answer: { status: first.status, body: first.response, replayed: true } };
  }
}
