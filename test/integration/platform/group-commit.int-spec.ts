import { DataSource } from 'typeorm';
import { GroupCommit, SqlQueryable, WriteBatch } from '@ajar/database';
import { SYSTEM_ACTOR } from '@ajar/observability';
import { CaseCommandRunner } from '../../../libs/cases/src/application/case-command-runner';
import type { CaseContent } from '../../../libs/cases/src/domain/case-content';
import { submitCase } from '../../../libs/cases/src/domain/case-lifecycle';
import { inlineDisclosures, toCaseContent } from '../../../libs/cases/src/interface/http/case-request.mapper';
import type { CaseSubmissionRequest } from '../../../libs/cases/src/interface/http/dto/case-submission.request';
import { caseSubmission } from '../../support/case-fixtures';
import { TestSystem } from '../../support/test-system';

/**
 * Group commit on the real PostgreSQL: batches that arrive together share one statement (one
 * transaction, so their rows share `xmin`), and a batch that fails fails alone.
 */
describe('group commit', () => {
  let system: TestSystem;
  let target: SqlQueryable;
  const pool = { query: <T>(sql: string) => system.query<T>(sql).then((rows) => ({ rows })) };

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    target = system.api.get(DataSource);
    await system.query(`CREATE TABLE group_commit_probe (id int PRIMARY KEY, label text NOT NULL)`);
    await system.query(`CREATE TABLE group_commit_probe_detail (id int NOT NULL, note text NOT NULL)`);
  });
  beforeEach(() => system.query(`TRUNCATE group_commit_probe, group_commit_probe_detail`));
  afterAll(() => system.stop());

  /** A command's writes: a row, a dependent row from its RETURNING, and an output. */
  const batchFor = (id: number): WriteBatch => {
    const batch = new WriteBatch();
    const row = batch.add(`INSERT INTO group_commit_probe (id, label) VALUES ($1, $2) RETURNING id`, [id, `row ${id}`]);
    batch.add(`INSERT INTO group_commit_probe_detail (id, note) SELECT id, $1 FROM ${row}`, [`detail ${id}`]);
    batch.output('stored', `(SELECT id FROM ${row})`);
    batch.translateErrors((error) => ((error as { code?: string }).code === '23505' ? new Error(`row ${id} exists`) : undefined));
    return batch;
  };

  const transactions = async (): Promise<number> =>
    Number((await system.query<{ n: string }>(`SELECT count(DISTINCT xmin::text) AS n FROM group_commit_probe`))[0].n);

  it('commits batches submitted together as one statement, each with its own output', async () => {
    const commit = new GroupCommit(target, { maxBatches: 8, maxInFlight: 2 });
    const outputs = await Promise.all([1, 2, 3, 4, 5, 6].map((id) => commit.execute(batchFor(id))));
    expect(outputs.map((row) => Number(row.stored))).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = await pool.query(`SELECT p.id, d.note FROM group_commit_probe p JOIN group_commit_probe_detail d USING (id) ORDER BY p.id`);
    expect(rows.rows).toEqual([1, 2, 3, 4, 5, 6].map((id) => ({ id, note: `detail ${id}` })));
    expect(await transactions()).toBe(1);
  });

  it('sends at most maxBatches per statement; the rest follow in the next', async () => {
    const commit = new GroupCommit(target, { maxBatches: 4, maxInFlight: 1 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((id) => commit.execute(batchFor(id))));
    expect(await transactions()).toBe(3);
  });

  it('a failing batch fails alone, with its own error; the others are written whole', async () => {
    await batchFor(3).execute(target);
    const commit = new GroupCommit(target, { maxBatches: 8, maxInFlight: 2 });
    const results = await Promise.allSettled([1, 2, 3, 4].map((id) => commit.execute(batchFor(id))));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error('row 3 exists'));
    const rows = await pool.query(`SELECT p.id, d.note FROM group_commit_probe p JOIN group_commit_probe_detail d USING (id) ORDER BY p.id`);
    expect(rows.rows).toEqual([1, 2, 3, 4].map((id) => ({ id, note: `detail ${id}` })));
  });

  /** Another command shape: a row without a detail, with its own text. */
  const plainBatchFor = (id: number): WriteBatch => {
    const batch = new WriteBatch();
    const row = batch.add(`INSERT INTO group_commit_probe (id, label) VALUES ($1, 'plain') RETURNING id`, [id]);
    batch.output('stored', `(SELECT id FROM ${row})`);
    return batch;
  };

  const transactionsOf = async (ids: number[]): Promise<number> =>
    Number((await system.query<{ n: string }>(`SELECT count(DISTINCT xmin::text) AS n FROM group_commit_probe WHERE id = ANY($1::int[])`, [ids]))[0].n);

  it('combines a batch only with batches of its own text, and answers each in order', async () => {
    const commit = new GroupCommit(target, { maxBatches: 8, maxInFlight: 2 });
    const submitted = [1, 2, 3, 4, 5, 6].map((id) => commit.execute(id % 2 === 0 ? plainBatchFor(id) : batchFor(id)));
    expect((await Promise.all(submitted)).map((row) => Number(row.stored))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await transactionsOf([1, 3, 5])).toBe(1);
    expect(await transactionsOf([2, 4, 6])).toBe(1);
    expect(await transactions()).toBe(2);
  });

  it('past maxCombinedTexts, batches of a new combination run alone', async () => {
    const commit = new GroupCommit(target, { maxBatches: 8, maxInFlight: 1, maxCombinedTexts: 1 });
    await Promise.all([1, 2, 3].map((id) => commit.execute(batchFor(id))));
    expect(await transactionsOf([1, 2, 3])).toBe(1);
    // Three of the same text again: the same combined text, still allowed.
    await Promise.all([4, 5, 6].map((id) => commit.execute(batchFor(id))));
    expect(await transactionsOf([4, 5, 6])).toBe(1);
    // Two: a combined text not seen before, past the bound; each runs alone.
    await Promise.all([7, 8].map((id) => commit.execute(batchFor(id))));
    expect(await transactionsOf([7, 8])).toBe(2);
  });

  it('runs a lone batch at once, as itself', async () => {
    const commit = new GroupCommit(target);
    expect(await commit.execute(batchFor(7))).toEqual({ stored: 7 });
    await expect(commit.execute(batchFor(7))).rejects.toEqual(new Error('row 7 exists'));
  });

  it('commits case submissions that arrive together in one transaction, each case whole', async () => {
    const runner = system.api.get(CaseCommandRunner);
    const { tenantId } = await system.createTenant();
    const submissions = Array.from({ length: 5 }, () => caseSubmission() as unknown as CaseSubmissionRequest);
    const created = await Promise.all(
      submissions.map((body) => {
        const caseId = crypto.randomUUID();
        return runner.create(tenantId, caseId, SYSTEM_ACTOR, () => submitCase(caseId, toCaseContent(body) as CaseContent, inlineDisclosures(body.personnel)));
      }),
    );
    const ids = created.map((result) => result.id);
    const rows = await system.query<{ id: string; xmin: string; version: number; events: string; outbox: string }>(
      `SELECT c.id, c.xmin::text AS xmin, c.version,
              (SELECT count(*) FROM events e WHERE e.stream_id = c.id) AS events,
              (SELECT count(*) FROM outbox_messages o WHERE o.envelope -> 'data' ->> 'caseId' = c.id::text) AS outbox
         FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row.xmin)).size).toBe(1);
    for (const row of rows) {
      const result = created.find((entry) => entry.id === row.id);
      expect(Number(row.events)).toBe(result?.version);
      // Every person disclosed at submission: screening is requested through the outbox.
      expect(Number(row.outbox)).toBe(1);
    }
  });
});
