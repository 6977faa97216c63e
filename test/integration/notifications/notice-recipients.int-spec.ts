import { Logger } from '@nestjs/common';
import { ActorDirectory } from '@ajar/access';
import { EventHistory } from '@ajar/event-store';
import { CommandBus } from '@nestjs/cqrs';
import { AjarEnvironment } from '@ajar/config';
import type { QueueEnvelope } from '@ajar/messaging';
import type { Actor } from '@ajar/observability';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { DataSource } from 'typeorm';
import { CaseRepository } from '../../../libs/cases/src/infrastructure/case.repository';
import { DecideCaseCommand } from '../../../libs/cases/src/application/commands/decide-case/decide-case.command';
import { RaiseEscalationCommand } from '../../../libs/cases/src/application/commands/raise-escalation/raise-escalation.command';
import { completeScreening } from '../../../libs/cases/src/domain/case-lifecycle';
import { recordScreeningFailure } from '../../../libs/cases/src/domain/case-screening';
import type { RiskLevel } from '../../../libs/cases/src/domain/case-state';
import { NoticeDeliveryRepository } from '../../../libs/notifications/src/infrastructure/notice-delivery.repository';
import { NoticeMail, NoticeMailer, NoticeMailFailed } from '../../../libs/notifications/src/infrastructure/notice-mailer';
import { NoticeNotDelivered, NoticeProcessor } from '../../../libs/notifications/src/infrastructure/notice.processor';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

/** The real mailer class with SMTP replaced by a list: enabled, records each address, refuses some. */
class RecordingMailer extends NoticeMailer {
  readonly sent: string[] = [];
  readonly refuse = new Set<string>();
  on = true;

  override get enabled(): boolean {
    return this.on;
  }

  override async send(mail: NoticeMail): Promise<void> {
    if (this.refuse.has(mail.to)) throw new NoticeMailFailed(`550 no such user ${mail.to}`);
    this.sent.push(mail.to);
  }

  take(): string[] {
    return this.sent.splice(0).sort();
  }
}

/**
 * Who gets a notice, against PostgreSQL: real tenants, keys with roles and contact addresses
 * (issued and revoked through the API), advisors registered through the API, and case events made
 * by the real commands; the notice processor then resolves and e-mails each event's audience.
 */
describe('notice recipients', () => {
  let system: TestSystem;
  let commands: CommandBus;
  let runner: CaseRepository;
  let processor: NoticeProcessor;
  let mailer: RecordingMailer;
  let tenant: { tenantId: string; adminKey: string };
  let advisor: { tenantId: string; adminKey: string };
  let deregistered: { tenantId: string; adminKey: string };
  let integrator: string;
  const reviewer: Actor = { kind: 'api_key', id: 'reviewer-key', roles: ['rso'] };
  const approver: Actor = { kind: 'api_key', id: 'approver-key', roles: ['approver'] };

  const issue = (adminKey: string, name: string, roles: string[], contactEmail?: string) => system.issueKey(adminKey, roles, name, contactEmail);
  const keyId = async (name: string): Promise<string> =>
    (await system.query<{ id: string }>(`SELECT id FROM api_keys WHERE name = $1`, [name]))[0]?.id ?? '';

  const screened = async (level: RiskLevel): Promise<string> => {
    const caseId = String((await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ disclosed: 2 })).expect(202)).body.id);
    await runner.change(tenant.tenantId, caseId, SYSTEM_ACTOR, (current) =>
      completeScreening(current, {
        assessmentId: `0190b6a4-0000-7000-8000-${caseId.slice(-12)}`,
        caseVersion: current.caseVersion,
        level,
        route: 'review',
        research: 'R1',
        counterparty: 'C1',
        integrity: 'none',
        policy: { name: 'default', version: 1 },
        referenceLists: [],
        ruleCodes: ['RS-P-002'],
        escalationTargets: [],
      }),
    );
    return caseId;
  };

  /** The id of the case's (last) event of this type. */
  const eventOf = async (caseId: string, type: string): Promise<string> => {
    const rows = await system.query<{ id: string }>(`SELECT id FROM events WHERE stream_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1`, [caseId, type]);
    if (!rows[0]) throw new Error(`no ${type} event on ${caseId}`);
    return rows[0].id;
  };

  const envelope = (eventId: string, tenantId = tenant.tenantId): QueueEnvelope => ({
    messageId: `m-${eventId}`, type: 'case.notice', tenantId, correlationId: 'c', causationId: 'c', data: { eventId },
  });

  /** Consumes the notice of the case's event and answers the addresses it was e-mailed to. */
  const recipientsOf = async (caseId: string, type: string): Promise<string[]> => {
    await processor.consume(envelope(await eventOf(caseId, type)));
    return mailer.take();
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    system = await TestSystem.start({ worker: false });
    commands = system.api.get(CommandBus);
    runner = system.api.get(CaseRepository);
    mailer = new RecordingMailer(system.api.get(AjarEnvironment));
    processor = new NoticeProcessor(system.api.get(EventHistory), system.api.get(ActorDirectory), new NoticeDeliveryRepository(system.api.get(DataSource)), mailer);

    tenant = await system.createTenant('institution', 'Case University');
    advisor = await system.createTenant('advisory_body', 'National Advisory Desk');
    deregistered = await system.createTenant('advisory_body', 'Former Advisory Desk');
    const other = await system.createTenant('institution', 'Other University');
    integrator = await issue(tenant.adminKey, 'integrator', ['integrator'], 'integrator@case.example');

    await issue(tenant.adminKey, 'rso', ['rso'], 'rso@case.example');
    await issue(tenant.adminKey, 'rso-without-address', ['rso']);
    // The API refuses an empty address; an older row may hold one.
    await issue(tenant.adminKey, 'rso-empty-address', ['rso']);
    await system.query(`UPDATE api_keys SET contact_email = '' WHERE name = 'rso-empty-address'`);
    await issue(tenant.adminKey, 'rso-revoked', ['rso'], 'revoked@case.example');
    await system.http().delete(`/v1/api-keys/${await keyId('rso-revoked')}`).set('Authorization', `Bearer ${tenant.adminKey}`).expect(204);
    await issue(tenant.adminKey, 'approver', ['approver'], 'approver@case.example');
    await issue(tenant.adminKey, 'approver-and-rso', ['approver', 'rso'], 'both@case.example');
    await issue(tenant.adminKey, 'applicant', ['applicant'], 'applicant@case.example');
    await issue(tenant.adminKey, 'admin', ['admin'], 'admin@case.example');
    await issue(tenant.adminKey, 'rso-and-admin', ['rso', 'admin'], 'rso-admin@case.example');
    await issue(tenant.adminKey, 'ethics', ['ethics_committee'], 'ethics@case.example');
    await issue(tenant.adminKey, 'auditor', ['auditor'], 'auditor@case.example');

    await issue(advisor.adminKey, 'advisor', ['national_advisor'], 'advisor@advisory.example');
    await issue(deregistered.adminKey, 'former-advisor', ['national_advisor'], 'advisor@former.example');
    await issue(other.adminKey, 'other-rso', ['rso'], 'rso@other.example');
    await issue(other.adminKey, 'other-approver', ['approver'], 'approver@other.example');
    await issue(other.adminKey, 'other-applicant', ['applicant'], 'applicant@other.example');

    for (const body of [
      { advisorTenantId: advisor.tenantId, registrationCode: await system.registrationCode(advisor.adminKey) },
      { advisorTenantId: deregistered.tenantId, registrationCode: await system.registrationCode(deregistered.adminKey) },
    ]) {
      await system.http().post('/v1/advisors').set('Authorization', `Bearer ${tenant.adminKey}`).send(body).expect(201);
    }
  });
  afterAll(() => system.stop());
  beforeEach(() => {
    mailer.on = true;
    mailer.refuse.clear();
    mailer.take();
  });

  it('approver: every active key of the case tenant with the approver role and an address, once each', async () => {
    const caseId = await screened('high');
    await commands.execute(new DecideCaseCommand(tenant.tenantId, caseId, 'declined', ['RS-P-002'], 'Military end user.', [], approver));
    expect(await recipientsOf(caseId, 'DecisionProposed')).toEqual(['approver@case.example', 'both@case.example']);
  });

  it('applicant: the case tenant\'s applicant keys only', async () => {
    const caseId = await screened('medium');
    await commands.execute(new DecideCaseCommand(tenant.tenantId, caseId, 'proceed', [], 'Fine.', [], approver));
    expect(await recipientsOf(caseId, 'DecisionRecorded')).toEqual(['applicant@case.example']);
  });

  it('rso and admin: a failed screening reaches both, never a key without an address, an empty one or a revoked one', async () => {
    const caseId = String((await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ disclosed: 2 })).expect(202)).body.id);
    // As the worker's RecordScreeningFailure handler does (the API process has no handler for it).
    await runner.change(tenant.tenantId, caseId, SYSTEM_ACTOR, (current) =>
      recordScreeningFailure(current, { caseVersion: current.caseVersion, code: 'SCREENING.ENGINE_FAILED', message: 'boom', attempts: 5 }, new Date()),
    );
    // The key with both roles gets one e-mail.
    expect(await recipientsOf(caseId, 'ScreeningFailed')).toEqual(['admin@case.example', 'both@case.example', 'rso-admin@case.example', 'rso@case.example']);
  });

  it('answerer: the ethics committee, the rso for legal and export control, the registered national advisor\'s own tenant', async () => {
    const caseId = await screened('medium');
    await commands.execute(new RaiseEscalationCommand(tenant.tenantId, caseId, 'ethics_committee', 'Ethics?', undefined, reviewer));
    expect(await recipientsOf(caseId, 'EscalationRaised')).toEqual(['ethics@case.example']);
    await commands.execute(new RaiseEscalationCommand(tenant.tenantId, caseId, 'legal', 'Legal?', undefined, reviewer));
    expect(await recipientsOf(caseId, 'EscalationRaised')).toEqual(['both@case.example', 'rso-admin@case.example', 'rso@case.example']);
    await commands.execute(new RaiseEscalationCommand(tenant.tenantId, caseId, 'national_advisor', 'Advice?', advisor.tenantId, reviewer));
    expect(await recipientsOf(caseId, 'EscalationRaised')).toEqual(['advisor@advisory.example']);
  });

  it('answerer: nobody once the named advisor is no longer registered for the case tenant', async () => {
    const caseId = await screened('medium');
    await commands.execute(new RaiseEscalationCommand(tenant.tenantId, caseId, 'national_advisor', 'Advice?', deregistered.tenantId, reviewer));
    // Deregistration (no endpoint yet): the row goes, the escalation stays.
    await system.query(`DELETE FROM tenant_advisors WHERE tenant_id = $1 AND advisor_tenant_id = $2`, [tenant.tenantId, deregistered.tenantId]);
    expect(await recipientsOf(caseId, 'EscalationRaised')).toEqual([]);
  });

  it('an event that is no notice reaches nobody and records no delivery', async () => {
    const caseId = await screened('medium');
    const eventId = await eventOf(caseId, 'ScreeningCompleted');
    await processor.consume(envelope(eventId));
    expect(mailer.take()).toEqual([]);
    expect(await system.query(`SELECT 1 FROM notice_deliveries WHERE event_id = $1`, [eventId])).toEqual([]);
  });

  it('another tenant\'s envelope for the event finds no event and sends nothing', async () => {
    const caseId = await screened('high');
    await commands.execute(new DecideCaseCommand(tenant.tenantId, caseId, 'declined', ['RS-P-002'], 'No.', [], approver));
    await processor.consume(envelope(await eventOf(caseId, 'DecisionProposed'), deregistered.tenantId));
    expect(mailer.take()).toEqual([]);
  });

  it('without SMTP acknowledges the job and records nothing', async () => {
    const caseId = await screened('medium');
    await commands.execute(new DecideCaseCommand(tenant.tenantId, caseId, 'proceed', [], 'Fine.', [], approver));
    const eventId = await eventOf(caseId, 'DecisionRecorded');
    mailer.on = false;
    await processor.consume(envelope(eventId));
    expect(mailer.take()).toEqual([]);
    expect(await system.query(`SELECT 1 FROM notice_deliveries WHERE event_id = $1`, [eventId])).toEqual([]);
  });

  it('sends to the others when one recipient is refused, keeps the refusal, fails the job, and the retry sends only what is owed', async () => {
    const caseId = await screened('high');
    await commands.execute(new DecideCaseCommand(tenant.tenantId, caseId, 'declined', ['RS-P-002'], 'No.', [], approver));
    const eventId = await eventOf(caseId, 'DecisionProposed');
    mailer.refuse.add('both@case.example');
    await expect(processor.consume(envelope(eventId))).rejects.toBeInstanceOf(NoticeNotDelivered);
    expect(mailer.take()).toEqual(['approver@case.example']);
    const rows = async () =>
      system.query<{ recipient_key_id: string; sent: boolean; last_error: string | null }>(
        `SELECT recipient_key_id, sent_at IS NOT NULL AS sent, last_error FROM notice_deliveries WHERE event_id = $1 ORDER BY recipient_key_id`,
        [eventId],
      );
    const [approverKey, bothKey] = [await keyId('approver'), await keyId('approver-and-rso')];
    expect(await rows()).toEqual(
      [
        { recipient_key_id: approverKey, sent: true, last_error: null },
        { recipient_key_id: bothKey, sent: false, last_error: '550 no such user [redacted]' },
      ].sort((a, b) => a.recipient_key_id.localeCompare(b.recipient_key_id)),
    );

    mailer.refuse.clear();
    await processor.consume(envelope(eventId));
    expect(mailer.take()).toEqual(['both@case.example']);
    // Once everyone has it, a repeated job sends nothing again.
    await processor.consume(envelope(eventId));
    expect(mailer.take()).toEqual([]);
    expect((await rows()).every((row) => row.sent)).toBe(true);
  });
});
