import { credentialsOf, scrub } from './notice-mailer';
import { recipientRoles } from './notice.processor';

const TENANT = '0190f1c2-7d3e-7000-8000-0000000000a1';
const ADVISOR = '0190f1c2-7d3e-7000-8000-0000000000b2';

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

// Recipients, deliveries and retries are tested against PostgreSQL: test/integration/notifications/notice-recipients.int-spec.ts.
