import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Actor } from '@ajar/observability';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { CaseRepository } from '../../../libs/cases/src/infrastructure/case.repository';
import { DecideCaseCommand } from '../../../libs/cases/src/application/commands/decide-case/decide-case.command';
import { RaiseEscalationCommand } from '../../../libs/cases/src/application/commands/raise-escalation/raise-escalation.command';
import { WithdrawEscalationCommand } from '../../../libs/cases/src/application/commands/withdraw-escalation/withdraw-escalation.command';
import { CountRegisterQuery, ListRegisterQuery, RegisterFilters, RegisterPage } from '../../../libs/cases/src/application/queries/list-register.query';
import { completeScreening, ScreeningOutcome } from '../../../libs/cases/src/domain/case-lifecycle';
import type { RiskLevel } from '../../../libs/cases/src/domain/case-state';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

/**
 * The register query against PostgreSQL: cases are submitted through the API, screened as the
 * worker's appraisal does (completeScreening through the case command runner), escalated and decided
 * through the real commands; then ListRegisterQuery and CountRegisterQuery are asked for each filter.
 */
describe('the research-security register query', () => {
  let system: TestSystem;
  let commands: CommandBus;
  let queries: QueryBus;
  let runner: CaseRepository;
  let tenantId: string;
  let integrator: string;
  let other: { tenantId: string; integrator: string };
  /** An open call of the tenant (a case names only one of those). */
  let callId: string;
  const reviewer: Actor = { kind: 'api_key', id: 'reviewer-key', roles: ['reviewer'] };
  const approverA: Actor = { kind: 'api_key', id: 'approver-a', roles: ['approver'] };

  /** Case ids by what was done to them. */
  const cases: Record<string, string> = {};
  const createdAt: Record<string, string> = {};

  const submit = async (key: string, options: { callId?: string } = {}): Promise<string> =>
    String((await system.http().post('/v1/cases').set('Authorization', `Bearer ${key}`).send(caseSubmission({ disclosed: 2, ...options })).expect(202)).body.id);

  const screen = async (tenant: string, caseId: string, level: RiskLevel, route: ScreeningOutcome['route']): Promise<void> => {
    await runner.change(tenant, caseId, SYSTEM_ACTOR, (current) =>
      completeScreening(current, {
        assessmentId: `0190b6a4-0000-7000-8000-${caseId.slice(-12)}`,
        caseVersion: current.caseVersion,
        level,
        route,
        research: 'R1',
        counterparty: 'C1',
        integrity: 'none',
        policy: { name: 'default', version: 1 },
        referenceLists: [],
        ruleCodes: ['RS-P-002'],
        escalationTargets: [],
      }),
    );
  };

  const escalate = (caseId: string, target: 'legal' | 'export_control') =>
    commands.execute(new RaiseEscalationCommand(tenantId, caseId, target, 'Is this allowed?', undefined, reviewer));

  const page = (filters: RegisterFilters, limit = 100, cursor?: string, tenant = tenantId): Promise<RegisterPage> =>
    queries.execute(new ListRegisterQuery(tenant, filters, limit, cursor));
  const ids = async (filters: RegisterFilters): Promise<string[]> => (await page(filters)).items.map((item) => item.caseId);
  const count = (filters: RegisterFilters, cap = 1000): Promise<number> => queries.execute(new CountRegisterQuery(tenantId, filters, cap));

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    commands = system.api.get(CommandBus);
    queries = system.api.get(QueryBus);
    runner = system.api.get(CaseRepository);
    const tenant = await system.createTenant();
    tenantId = tenant.tenantId;
    integrator = await system.issueKey(tenant.adminKey, ['integrator']);
    await system.http().put('/v1/policies/default').set('Authorization', `Bearer ${tenant.adminKey}`).send({}).expect(201);
    callId = String(
      (await system.http().post('/v1/calls').set('Authorization', `Bearer ${tenant.adminKey}`).send({ title: 'Call', policy: { name: 'default' } }).expect(201)).body.id,
    );
    const otherTenant = await system.createTenant('institution', 'Other University');
    other = { tenantId: otherTenant.tenantId, integrator: await system.issueKey(otherTenant.adminKey, ['integrator']) };

    // In creation order (the register is newest first).
    cases.screening = await submit(integrator); // not screened yet: no level, not on the register
    cases.autoCleared = await submit(integrator);
    await screen(tenantId, cases.autoCleared, 'low', 'auto_clear');
    cases.medium = await submit(integrator);
    await screen(tenantId, cases.medium, 'medium', 'review');
    cases.high = await submit(integrator, { callId });
    await screen(tenantId, cases.high, 'high', 'review');
    cases.mediumEscalated = await submit(integrator);
    await screen(tenantId, cases.mediumEscalated, 'medium', 'escalate');
    await escalate(cases.mediumEscalated, 'legal');
    cases.mediumEscalationWithdrawn = await submit(integrator);
    await screen(tenantId, cases.mediumEscalationWithdrawn, 'medium', 'escalate');
    const { escalationId } = await escalate(cases.mediumEscalationWithdrawn, 'export_control');
    await commands.execute(new WithdrawEscalationCommand(tenantId, cases.mediumEscalationWithdrawn, escalationId, 'asked the wrong office', reviewer));
    cases.veryHighDeclined = await submit(integrator, { callId });
    await screen(tenantId, cases.veryHighDeclined, 'very_high', 'review');
    await commands.execute(new DecideCaseCommand(tenantId, cases.veryHighDeclined, 'declined', ['RS-P-002'], 'Military end user.', [], approverA));
    cases.blocked = await submit(integrator);
    await screen(tenantId, cases.blocked, 'blocked', 'not_eligible');
    cases.mediumDecided = await submit(integrator);
    await screen(tenantId, cases.mediumDecided, 'medium', 'review');
    await commands.execute(new DecideCaseCommand(tenantId, cases.mediumDecided, 'proceed', [], 'Fine.', [], approverA));
    // Another tenant's high case never shows.
    cases.otherTenantHigh = await submit(other.integrator);
    await screen(other.tenantId, cases.otherTenantHigh, 'high', 'review');

    // To the microsecond, as stored: the bounds below are exact, so `from` inclusive and `to` exclusive are seen.
    const rows = await system.query<{ id: string; at: string }>(`SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM cases`);
    for (const row of rows) createdAt[row.id] = row.at;
  });
  afterAll(() => system.stop());

  it('holds the tenant\'s high, very-high and blocked cases and every case ever escalated, newest first; never medium, low or unscreened ones', async () => {
    const { items, nextCursor } = await page({});
    expect(items.map((item) => item.caseId)).toEqual([cases.blocked, cases.veryHighDeclined, cases.mediumEscalationWithdrawn, cases.mediumEscalated, cases.high]);
    expect(nextCursor).toBeNull();
    expect(await count({})).toBe(5);
    expect(await ids({})).not.toContain(cases.otherTenantHigh);
    expect((await page({}, 100, undefined, other.tenantId)).items.map((item) => item.caseId)).toEqual([cases.otherTenantHigh]);
  });

  it('reads each entry from the case: level, state, route, call, escalations and the current decision', async () => {
    const byId = new Map((await page({})).items.map((item) => [item.caseId, item]));
    expect(byId.get(cases.high)).toMatchObject({ level: 'high', state: 'in_review', route: 'review', research: 'R1', callId, escalations: [], decision: null });
    expect(byId.get(cases.mediumEscalated)).toMatchObject({ level: 'medium', state: 'escalated', escalations: [{ target: 'legal', status: 'open', overdue: false }] });
    expect(byId.get(cases.mediumEscalationWithdrawn)?.escalations).toMatchObject([{ target: 'export_control', status: 'withdrawn', overdue: false }]);
    expect(byId.get(cases.veryHighDeclined)?.decision).toEqual({ outcome: 'declined', status: 'awaiting_second_approval', approvers: ['approver-a'] });
    expect(byId.get(cases.blocked)).toMatchObject({ level: 'blocked', route: 'not_eligible', decision: null });
    expect(byId.get(cases.high)?.createdAt).toBe(new Date(createdAt[cases.high] as string).toISOString());
  });

  it('filters by level', async () => {
    expect(await ids({ level: 'high' })).toEqual([cases.high]);
    expect(await ids({ level: 'medium' })).toEqual([cases.mediumEscalationWithdrawn, cases.mediumEscalated]);
    expect(await ids({ level: 'low' })).toEqual([]);
    expect(await count({ level: 'blocked' })).toBe(1);
  });

  it('filters by state', async () => {
    expect(await ids({ state: 'escalated' })).toEqual([cases.mediumEscalated]);
    expect(await ids({ state: 'in_review' })).toEqual([cases.blocked, cases.veryHighDeclined, cases.mediumEscalationWithdrawn, cases.high]);
    expect(await ids({ state: 'monitoring' })).toEqual([]);
  });

  it('filters by call', async () => {
    expect(await ids({ callId })).toEqual([cases.veryHighDeclined, cases.high]);
    expect(await ids({ callId: '0190b6a4-0000-7000-8000-0000000000dd' })).toEqual([]);
  });

  it('filters by escalation target, whatever the escalation\'s status', async () => {
    expect(await ids({ escalationTarget: 'legal' })).toEqual([cases.mediumEscalated]);
    expect(await ids({ escalationTarget: 'export_control' })).toEqual([cases.mediumEscalationWithdrawn]);
    expect(await ids({ escalationTarget: 'ethics_committee' })).toEqual([]);
  });

  it('filters by the outcome of the current decision, proposed or recorded', async () => {
    expect(await ids({ outcome: 'declined' })).toEqual([cases.veryHighDeclined]);
    // The medium case decided `proceed` is not on the register at all.
    expect(await ids({ outcome: 'proceed' })).toEqual([]);
    expect(await count({ outcome: 'declined' })).toBe(1);
  });

  it('filters by creation time: from is inclusive, to exclusive', async () => {
    const at = createdAt[cases.mediumEscalated] as string;
    expect(await ids({ from: at })).toEqual([cases.blocked, cases.veryHighDeclined, cases.mediumEscalationWithdrawn, cases.mediumEscalated]);
    expect(await ids({ to: at })).toEqual([cases.high]);
    expect(await ids({ from: createdAt[cases.high], to: createdAt[cases.veryHighDeclined] })).toEqual([cases.mediumEscalationWithdrawn, cases.mediumEscalated, cases.high]);
    expect(await ids({ level: 'medium', from: at, to: at })).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await ids({ callId, level: 'very_high', outcome: 'declined' })).toEqual([cases.veryHighDeclined]);
    expect(await ids({ callId, level: 'high', outcome: 'declined' })).toEqual([]);
  });

  it('pages with a keyset cursor: every entry once, in order, across pages, with the filters kept', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const result = await page({}, 2, cursor);
      seen.push(...result.items.map((item) => item.caseId));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(await ids({}));
    const first = await page({ level: 'medium' }, 1);
    expect(first.items.map((item) => item.caseId)).toEqual([cases.mediumEscalationWithdrawn]);
    const second = await page({ level: 'medium' }, 1, first.nextCursor ?? undefined);
    expect(second.items.map((item) => item.caseId)).toEqual([cases.mediumEscalated]);
    expect(second.nextCursor).toBeNull();
  });

  it('counts no further than its cap + 1', async () => {
    expect(await count({}, 2)).toBe(3);
    expect(await count({}, 10)).toBe(5);
  });
});
