import { StreamVersionConflict } from '@ajar/kernel';
import { ClsServiceManager } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import type { AjarContextStore, IdempotentRequest } from '@ajar/observability';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { CaseRepository, LoadedCase } from '../../../libs/cases/src/infrastructure/case.repository';
import { withdrawCase } from '../../../libs/cases/src/domain/case-lifecycle';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

/**
 * A case change is a read and then one transaction checked against the version read: a write
 * against a version that moved on must fail as a whole, whether or not it appends events.
 */
describe('case repository: one optimistic transaction per change', () => {
  let system: TestSystem;
  let runner: CaseRepository;
  let integrator: string;
  let tenantId: string;
  const actor = SYSTEM_ACTOR;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    runner = system.api.get(CaseRepository);
    const tenant = await system.createTenant();
    tenantId = tenant.tenantId;
    integrator = await system.issueKey(tenant.adminKey, ['integrator']);
  });
  afterAll(() => system.stop());

  const submit = async (): Promise<string> =>
    String((await system.http().post('/v1/cases').set('Authorization', `Bearer ${integrator}`).send(caseSubmission({ disclosed: 0 })).expect(202)).body.id);

  const stored = async (caseId: string): Promise<{ version: number; state: string; events: number }> => {
    const [row] = await system.query<{ version: number; state: string; events: string }>(
      `SELECT c.version, c.state, (SELECT count(*) FROM events e WHERE e.stream_id = c.id) AS events FROM cases c WHERE c.id = $1`,
      [caseId],
    );
    return { version: row.version, state: row.state, events: Number(row.events) };
  };

  it('writes the change, its events and the read model in one go', async () => {
    const caseId = await submit();
    const before = await stored(caseId);
    const result = await runner.change(tenantId, caseId, actor, (current) => withdrawCase(current, 'test'));
    expect(result.state).toBe('withdrawn');
    expect(await stored(caseId)).toEqual({ version: before.version + 1, state: 'withdrawn', events: before.events + 1 });
  });

  it('keeps the stored content and disclosures when the change kept them, and writes them when it changed them', async () => {
    const caseId = await submit();
    const content = async (): Promise<{ content: Record<string, unknown>; disclosures: Record<string, unknown> }> =>
      (await system.query<{ content: Record<string, unknown>; disclosures: Record<string, unknown> }>(`SELECT content, disclosures FROM cases WHERE id = $1`, [caseId]))[0];
    const before = await content();
    // Kept: the lifecycle hands back the same objects (the UPDATE sends NULL and keeps the column).
    await runner.change(tenantId, caseId, actor, (current) => withdrawCase(current, 'kept'));
    expect(await content()).toEqual(before);
    // Changed: new objects with new values are written.
    await runner.change(tenantId, caseId, actor, (current) => ({
      next: { ...current, content: { ...current.content, title: 'A changed title' }, disclosures: { p1: { certified: true } as never } },
      events: [],
    }));
    const after = await content();
    expect(after.content).toEqual({ ...before.content, title: 'A changed title' });
    expect(after.disclosures).toEqual({ p1: { certified: true } });
  });

  /** A case loaded, then changed by another command: the load is stale from then on. */
  const staleLoad = async (): Promise<{ caseId: string; stale: LoadedCase; after: Awaited<ReturnType<typeof stored>> }> => {
    const caseId = await submit();
    const stale = await runner.load(tenantId, caseId);
    if (!stale) throw new Error('case not loaded');
    await runner.change(tenantId, caseId, actor, (current) => withdrawCase(current, 'first'));
    return { caseId, stale, after: await stored(caseId) };
  };

  it('refuses a change read before another one committed (409), and keeps none of its writes', async () => {
    const { caseId, stale, after } = await staleLoad();
    await expect(runner.changeLoaded(tenantId, stale, actor, (current) => withdrawCase(current, 'second'))).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await stored(caseId)).toEqual(after);
  });

  it('refuses a stale change that appends no events, by the UPDATE\'s row count alone, and keeps its other writes out', async () => {
    const { caseId, stale, after } = await staleLoad();
    const marker = `runner-test-${caseId}`;
    // The write that rides along: it must not stay when the change is refused.
    await expect(
      runner.changeLoaded(
        tenantId,
        stale,
        actor,
        (current) => ({ next: { ...current, state: 'screening' }, events: [] }),
        {
          alongside: async (tx) => {
            await tx.query(`INSERT INTO inbox_messages (consumer, message_id, processed_at) VALUES ($1, $2, now())`, [marker, caseId]);
          },
        },
      ),
    ).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await stored(caseId)).toEqual(after);
    expect(await system.query(`SELECT 1 FROM inbox_messages WHERE consumer = $1`, [marker])).toHaveLength(0);
  });

  it('answers a version the client read that is not the current one with 409 before writing', async () => {
    const caseId = await submit();
    const before = await stored(caseId);
    await expect(runner.change(tenantId, caseId, actor, (current) => withdrawCase(current, 'late'), before.version - 1)).rejects.toBeInstanceOf(StreamVersionConflict);
    expect(await stored(caseId)).toEqual(before);
  });

  describe('the Idempotency-Key answer, stored in the change\'s transaction', () => {
    const leased = async (key: string, leaseToken: string): Promise<void> => {
      await system.query(
        `INSERT INTO idempotency_records (scope, key, request_hash, state, created_at, expires_at, lease_token, lease_expires_at)
         VALUES ($1, $2, repeat('a', 64), 'in_progress', now(), now() + interval '1 day', $3, now() + interval '1 minute')`,
        [tenantId, key, leaseToken],
      );
    };
    /** Runs `work` as a request holding `leaseToken` on `key` would. */
    const asRequest = <T>(key: string, leaseToken: string, work: () => Promise<T>): Promise<T> => {
      const cls = ClsServiceManager.getClsService<AjarContextStore>();
      const request: IdempotentRequest = { scope: tenantId, key, leaseToken, responseStatus: 202, secretFields: [], answerStored: false };
      return cls.run(() => {
        cls.set('idempotency', request);
        return work();
      });
    };
    const recordOf = async (key: string) =>
      (await system.query<{ state: string; response_status: number | null; response_body: unknown }>(`SELECT state, response_status, response_body FROM idempotency_records WHERE key = $1`, [key]))[0];

    it('completes the record with the answer, extra ids included, when the change commits', async () => {
      const caseId = await submit();
      const leaseToken = randomUUID();
      await leased('answer-stored', leaseToken);
      const answer = await asRequest('answer-stored', leaseToken, () => runner.change(tenantId, caseId, actor, (current) => withdrawCase(current, 'test'), undefined, { planId: 'p-1' }));
      expect(answer).toMatchObject({ id: caseId, state: 'withdrawn', planId: 'p-1' });
      expect(await recordOf('answer-stored')).toEqual({ state: 'completed', response_status: 202, response_body: answer });
    });

    it('refuses the change, writing nothing, when the request no longer holds the lease (a retry took the key over)', async () => {
      const caseId = await submit();
      const before = await stored(caseId);
      await leased('lease-lost', randomUUID());
      await expect(asRequest('lease-lost', randomUUID(), () => runner.change(tenantId, caseId, actor, (current) => withdrawCase(current, 'test')))).rejects.toMatchObject({
        status: 409,
        code: 'IDEMPOTENCY.IN_PROGRESS',
      });
      expect(await stored(caseId)).toEqual(before);
      expect(await recordOf('lease-lost')).toMatchObject({ state: 'in_progress', response_body: null });
    });
  });
});
