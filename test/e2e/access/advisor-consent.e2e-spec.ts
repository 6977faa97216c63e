import { TestSystem } from '../../support/test-system';

/**
 * Registering an advisory body as a national advisor needs the body's consent: a one-time code its
 * admin issues and the institution presents. Without one, any tenant could route its escalations
 * (with case details) to another tenant, or claim an advisory body it has no agreement with.
 */
describe('advisory-body consent to a registration', () => {
  let system: TestSystem;
  let institution: { tenantId: string; adminKey: string };
  let otherInstitution: { tenantId: string; adminKey: string };
  let advisory: { tenantId: string; adminKey: string };
  let otherAdvisory: { tenantId: string; adminKey: string };

  const register = (adminKey: string, body: Record<string, unknown>) =>
    system.http().post('/v1/advisors').set('Authorization', `Bearer ${adminKey}`).send(body);
  const registered = async (tenantId: string): Promise<number> =>
    Number((await system.query<{ count: string }>(`SELECT count(*) FROM tenant_advisors WHERE tenant_id = $1`, [tenantId]))[0].count);

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    institution = await system.createTenant('institution', 'University A');
    otherInstitution = await system.createTenant('funder', 'Funder B');
    advisory = await system.createTenant('advisory_body', 'National Contact Point');
    otherAdvisory = await system.createTenant('advisory_body', 'Another Contact Point');
  });
  afterAll(() => system.stop());

  it('refuses a registration without a code, naming the field, and with a code the body never issued', async () => {
    const missing = await register(institution.adminKey, { advisorTenantId: advisory.tenantId }).expect(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'registrationCode' })]);
    const invented = await register(institution.adminKey, { advisorTenantId: advisory.tenantId, registrationCode: `arc_${'A'.repeat(43)}` }).expect(422);
    expect(invented.body).toMatchObject({ code: 'ADVISOR.INVALID', errors: [expect.objectContaining({ field: 'registrationCode' })] });
    expect(await registered(institution.tenantId)).toBe(0);
  });

  it('accepts a code once, from the tenant it was meant for, for the body that issued it', async () => {
    const code = await system.registrationCode(advisory.adminKey, institution.tenantId);
    // Another tenant cannot use a code meant for the institution, nor present it for another body.
    await register(otherInstitution.adminKey, { advisorTenantId: advisory.tenantId, registrationCode: code }).expect(422);
    await register(institution.adminKey, { advisorTenantId: otherAdvisory.tenantId, registrationCode: code }).expect(422);

    const accepted = await register(institution.adminKey, { advisorTenantId: advisory.tenantId, registrationCode: code }).expect(201);
    expect(accepted.body).toMatchObject({ advisorTenantId: advisory.tenantId, name: 'National Contact Point' });
    // Used up: presenting it again is refused like any other unusable code.
    await register(institution.adminKey, { advisorTenantId: advisory.tenantId, registrationCode: code }).expect(422);

    const codes = await system.http().get('/v1/advisor-registration-codes').set('Authorization', `Bearer ${advisory.adminKey}`).expect(200);
    expect(codes.body.items).toEqual([expect.objectContaining({ forTenantId: institution.tenantId, redeemedByTenantId: institution.tenantId, revokedAt: null })]);
    expect(JSON.stringify(codes.body)).not.toContain(code);
    const [event] = await system.query<{ payload: { advisorTenantId: string; registrationCodeId: string } }>(
      `SELECT payload FROM events WHERE tenant_id = $1 AND type = 'AdvisorRegistered'`,
      [institution.tenantId],
    );
    expect(event.payload).toEqual({ advisorTenantId: advisory.tenantId, registrationCodeId: codes.body.items[0].id });
    const issued = await system.query<{ payload: Record<string, unknown> }>(`SELECT payload FROM events WHERE tenant_id = $1 AND type = 'AdvisorRegistrationCodeIssued'`, [advisory.tenantId]);
    expect(JSON.stringify(issued)).not.toContain(code);
  });

  it('refuses an expired or revoked code; only an advisory body issues codes, and only its admin', async () => {
    const expired = await system.registrationCode(otherAdvisory.adminKey);
    await system.query(`UPDATE advisor_registration_codes SET expires_at = now() - interval '1 second' WHERE redeemed_at IS NULL AND advisor_tenant_id = $1`, [otherAdvisory.tenantId]);
    await register(otherInstitution.adminKey, { advisorTenantId: otherAdvisory.tenantId, registrationCode: expired }).expect(422);

    const revoked = await system.registrationCode(otherAdvisory.adminKey);
    const listed = await system.http().get('/v1/advisor-registration-codes').set('Authorization', `Bearer ${otherAdvisory.adminKey}`).expect(200);
    const revokedId = (listed.body.items as { id: string; revokedAt: string | null; expiresAt: string }[]).find((item) => Date.parse(item.expiresAt) > Date.now())!.id;
    // Another advisory body cannot revoke it: it is not theirs.
    await system.http().delete(`/v1/advisor-registration-codes/${revokedId}`).set('Authorization', `Bearer ${advisory.adminKey}`).expect(404);
    await system.http().delete(`/v1/advisor-registration-codes/${revokedId}`).set('Authorization', `Bearer ${otherAdvisory.adminKey}`).expect(204);
    await system.http().delete(`/v1/advisor-registration-codes/${revokedId}`).set('Authorization', `Bearer ${otherAdvisory.adminKey}`).expect(404);
    await register(otherInstitution.adminKey, { advisorTenantId: otherAdvisory.tenantId, registrationCode: revoked }).expect(422);
    expect(await registered(otherInstitution.tenantId)).toBe(0);

    const notAdvisory = await system.http().post('/v1/advisor-registration-codes').set('Authorization', `Bearer ${institution.adminKey}`).send({}).expect(403);
    expect(notAdvisory.body.code).toBe('ADVISOR.NOT_ALLOWED');
    const advisorKey = await system.issueKey(advisory.adminKey, ['national_advisor']);
    await system.http().post('/v1/advisor-registration-codes').set('Authorization', `Bearer ${advisorKey}`).send({}).expect(403);
    await system.http().get('/v1/advisor-registration-codes').set('Authorization', `Bearer ${advisorKey}`).expect(403);
    const tooLong = await system.http().post('/v1/advisor-registration-codes').set('Authorization', `Bearer ${advisory.adminKey}`).send({ validForDays: 31 }).expect(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'validForDays' })]);
  });
});
