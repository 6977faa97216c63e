import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { QueueEnvelope } from '@ajar/messaging';
import { credentialsOf, NoticeMailer, NoticeMailFailed, scrub } from './notice-mailer';
import { NoticeNotDelivered, NoticeProcessor, recipientRoles } from './notice.processor';

const TENANT = '0190f1c2-7d3e-7000-8000-0000000000a1';
const ADVISOR = '0190f1c2-7d3e-7000-8000-0000000000b2';
const EVENT = '0190f1c2-7d3e-7000-8000-0000000000e1';
const CASE = '0190f1c2-7d3e-7000-8000-0000000000c1';

const envelope: QueueEnvelope = { messageId: 'm1', type: 'case.notice', tenantId: TENANT, correlationId: 'c', causationId: 'c', data: { eventId: EVENT, caseId: CASE } };

describe('recipientRoles', () => {
  it('maps audiences to roles of the case tenant, and the answerer to whoever answers the escalation', () => {
    expect(recipientRoles(TENANT, ['applicant', 'rso', 'approver'], {})).toEqual([
      { tenantId: TENANT, role: 'applicant' },
      { tenantId: TENANT, role: 'rso' },
      { tenantId: TENANT, role: 'approver' },
    ]);
    expect(recipientRoles(TENANT, ['answerer'], { target: 'ethics_committee' })).toEqual([{ tenantId: TENANT, role: 'ethics_committee' }]);
    expect(recipientRoles(TENANT, ['answerer'], { target: 'national_advisor', advisorTenantId: ADVISOR })).toEqual([{ tenantId: ADVISOR, role: 'national_advisor' }]);
    expect(recipientRoles(TENANT, ['answerer'], { target: 'export_control' })).toEqual([{ tenantId: TENANT, role: 'rso' }]);
    expect(recipientRoles(TENANT, ['answerer'], { target: 'legal' })).toEqual([{ tenantId: TENANT, role: 'rso' }]);
  });

  it('finds nobody for an answerer it cannot place', () => {
    expect(recipientRoles(TENANT, ['answerer'], { target: 'national_advisor', advisorTenantId: 'not-a-uuid' })).toEqual([]);
    expect(recipientRoles(TENANT, ['answerer'], { target: 'national_advisor' })).toEqual([]);
    expect(recipientRoles(TENANT, ['answerer'], { target: 'the press' })).toEqual([]);
  });
});

describe('scrub and credentialsOf', () => {
  it('removes the SMTP password (raw and decoded), the user name and the URL from a failure', () => {
    const url = 'smtps://mailer%40example.org:p%40ss-w0rd!@smtp.example.org:465';
    const secrets = credentialsOf(url);
    const message = `Invalid login for mailer@example.org with p@ss-w0rd! (p%40ss-w0rd!) at ${url}\r\n535 5.7.8 rejected`;
    const clean = scrub(message, secrets);
    expect(clean).not.toContain('p@ss-w0rd!');
    expect(clean).not.toContain('p%40ss-w0rd!');
    expect(clean).not.toContain('mailer@example.org');
    expect(clean).not.toMatch(/[\r\n]/);
    expect(clean).toContain('535 5.7.8 rejected');
    expect(credentialsOf(undefined)).toEqual([]);
  });
});

type Handler = (sql: string, parameters: unknown[]) => unknown;

function fakeDataSource(handler: Handler): { dataSource: DataSource; calls: { sql: string; parameters: unknown[] }[] } {
  const calls: { sql: string; parameters: unknown[] }[] = [];
  const dataSource = {
    query: async (sql: string, parameters: unknown[] = []) => {
      calls.push({ sql, parameters });
      return handler(sql, parameters);
    },
  } as unknown as DataSource;
  return { dataSource, calls };
}

function fakeMailer(enabled: boolean, refuse: Set<string> = new Set()): { mailer: NoticeMailer; sent: string[] } {
  const sent: string[] = [];
  const mailer = {
    enabled,
    send: async (mail: { to: string }) => {
      if (refuse.has(mail.to)) throw new NoticeMailFailed(`550 no such user ${mail.to}`);
      sent.push(mail.to);
    },
    reasonOf: (error: unknown) => String(error),
  } as unknown as NoticeMailer;
  return { mailer, sent };
}

describe('NoticeProcessor', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('without AJAR_SMTP_URL acknowledges the job and touches nothing', async () => {
    const { dataSource, calls } = fakeDataSource(() => {
      throw new Error('no query expected');
    });
    const { mailer, sent } = fakeMailer(false);
    await expect(new NoticeProcessor(dataSource, mailer).consume(envelope)).resolves.toBeUndefined();
    expect(calls).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('sends to every other recipient when one is refused, keeps the refusal, then fails the job for a retry', async () => {
    const recipients = [
      { id: '0190f1c2-7d3e-7000-8000-000000000001', contact_email: 'first@example.org' },
      { id: '0190f1c2-7d3e-7000-8000-000000000002', contact_email: 'refused@example.org' },
      { id: '0190f1c2-7d3e-7000-8000-000000000003', contact_email: 'third@example.org' },
    ];
    const { dataSource, calls } = fakeDataSource((sql) => {
      if (sql.includes('FROM events')) return [{ id: EVENT, tenant_id: TENANT, stream_id: CASE, type: 'DecisionRecorded', payload: { outcome: 'proceed' }, occurred_at: new Date() }];
      if (sql.includes('FROM unnest($1::uuid[], $2::text[])')) return recipients;
      if (sql.includes('sent_at IS NOT NULL')) return [];
      return [];
    });
    const { mailer, sent } = fakeMailer(true, new Set(['refused@example.org']));
    await expect(new NoticeProcessor(dataSource, mailer).consume(envelope)).rejects.toBeInstanceOf(NoticeNotDelivered);
    expect(sent.sort()).toEqual(['first@example.org', 'third@example.org']);
    const errors = calls.filter((call) => call.sql.includes('SET last_error'));
    expect(errors.map((call) => call.parameters)).toEqual([[EVENT, recipients[1].id, '550 no such user [redacted]']]);
    const sentAt = calls.filter((call) => call.sql.includes('SET sent_at'));
    expect(sentAt.map((call) => call.parameters[1]).sort()).toEqual([recipients[0].id, recipients[2].id]);
  });

  it('skips recipients whose delivery is already sent', async () => {
    const { dataSource } = fakeDataSource((sql) => {
      if (sql.includes('FROM events')) return [{ id: EVENT, tenant_id: TENANT, stream_id: CASE, type: 'DecisionRecorded', payload: {}, occurred_at: new Date() }];
      if (sql.includes('FROM unnest($1::uuid[], $2::text[])')) return [{ id: '0190f1c2-7d3e-7000-8000-000000000001', contact_email: 'first@example.org' }];
      if (sql.includes('sent_at IS NOT NULL')) return [{ recipient_key_id: '0190f1c2-7d3e-7000-8000-000000000001' }];
      return [];
    });
    const { mailer, sent } = fakeMailer(true);
    await new NoticeProcessor(dataSource, mailer).consume(envelope);
    expect(sent).toEqual([]);
  });
});
