import { NAMED_STATEMENT_LIMIT, NamedStatement, statementName, WriteBatch } from './write-batch';

describe('WriteBatch', () => {
  it('combines statements into one WITH statement, renumbering each statement\'s parameters', () => {
    const batch = new WriteBatch();
    const first = batch.add(`INSERT INTO a (x, y) VALUES ($1, $2) RETURNING x`, ['x1', 'y1']);
    const second = batch.add(`INSERT INTO b (x, z) SELECT x, $1 FROM ${first} WHERE $2 > $1`, [10, 12]);
    batch.output('inserted', `(SELECT count(*) FROM ${second})`);
    const { sql, parameters } = batch.toQuery();
    expect(sql).toBe(
      `WITH batched_1 AS (INSERT INTO a (x, y) VALUES ($1, $2) RETURNING x),\n` +
        `batched_2 AS (INSERT INTO b (x, z) SELECT x, $3 FROM batched_1 WHERE $4 > $3)\n` +
        `SELECT (SELECT count(*) FROM batched_2) AS inserted`,
    );
    expect(parameters).toEqual(['x1', 'y1', 10, 12]);
  });

  it('runs once, as a named statement, and gives back the output row; an empty batch runs nothing', async () => {
    const calls: [string | NamedStatement, unknown[] | undefined][] = [];
    const target = {
      query: (sql: string | NamedStatement, parameters?: unknown[]): Promise<unknown> => {
        calls.push([sql, parameters]);
        return Promise.resolve([{ inserted: 1 }]);
      },
    };
    expect(await new WriteBatch().execute(target)).toEqual({});
    const batch = new WriteBatch();
    batch.add(`DELETE FROM a WHERE x = $1`, ['x1']);
    expect(await batch.execute(target)).toEqual({ inserted: 1 });
    expect(calls).toHaveLength(1);
    const [statement, parameters] = calls[0];
    const text = `WITH batched_1 AS (DELETE FROM a WHERE x = $1)\nSELECT 1 AS done`;
    expect(statement).toEqual({ name: statementName(text), text });
    expect(parameters).toEqual(['x1']);
  });

  it('names the same text the same way, another text another way, and no text past the limit', () => {
    jest.isolateModules(() => {
      // A fresh registry: the names other specs took do not count here.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./write-batch') as typeof import('./write-batch');
      const first = fresh.statementName('SELECT 1');
      expect(first).toBeDefined();
      expect(fresh.statementName('SELECT 1')).toBe(first);
      expect(fresh.statementName('SELECT 2')).not.toBe(first);
      for (let index = 3; index <= NAMED_STATEMENT_LIMIT; index += 1) expect(fresh.statementName(`SELECT ${index}`)).toBeDefined();
      expect(fresh.statementName(`SELECT ${NAMED_STATEMENT_LIMIT + 1}`)).toBeUndefined();
      expect(fresh.statementName('SELECT 2')).toBeDefined();
    });
  });

  it('lets a statement\'s owner translate the error of the whole batch', async () => {
    const batch = new WriteBatch();
    batch.add(`INSERT INTO a (x) VALUES ($1)`, ['x1']);
    batch.translateErrors((error) => ((error as { code?: string }).code === '23505' ? new Error('conflict') : undefined));
    const failing = (code: string) => ({ query: () => Promise.reject(Object.assign(new Error('driver'), { code })) });
    await expect(batch.execute(failing('23505'))).rejects.toThrow('conflict');
    await expect(batch.execute(failing('40001'))).rejects.toThrow('driver');
  });
});

describe('WriteBatch.absorb (group commit)', () => {
  it('appends another batch with its statement names, parameters and outputs renumbered', () => {
    const first = new WriteBatch();
    const a = first.add(`INSERT INTO a (x) VALUES ($1) RETURNING x`, ['a1']);
    first.output('inserted', `(SELECT count(*) FROM ${a})`);
    const second = new WriteBatch();
    const b = second.add(`INSERT INTO a (x) VALUES ($1) RETURNING x`, ['b1']);
    second.add(`INSERT INTO c (x, y) SELECT x, $1 FROM ${b} WHERE $2 > $1`, [3, 4]);
    second.output('inserted', `(SELECT count(*) FROM ${b})`);

    const combined = new WriteBatch();
    combined.absorb(first, 'g0_');
    combined.absorb(second, 'g1_');
    const { sql, parameters } = combined.toQuery();
    expect(sql).toBe(
      `WITH batched_1 AS (INSERT INTO a (x) VALUES ($1) RETURNING x),\n` +
        `batched_2 AS (INSERT INTO a (x) VALUES ($2) RETURNING x),\n` +
        `batched_3 AS (INSERT INTO c (x, y) SELECT x, $3 FROM batched_2 WHERE $4 > $3)\n` +
        `SELECT (SELECT count(*) FROM batched_1) AS g0_inserted, (SELECT count(*) FROM batched_2) AS g1_inserted`,
    );
    expect(parameters).toEqual(['a1', 'b1', 3, 4]);
    // The absorbed batches are unchanged and still run on their own.
    expect(second.toQuery().sql).toContain('batched_1 AS (INSERT INTO a (x) VALUES ($1) RETURNING x)');
  });

  it('renames every statement past the ninth without touching longer names that share a prefix', () => {
    const combined = new WriteBatch();
    for (let index = 0; index < 12; index += 1) {
      const batch = new WriteBatch();
      const first = batch.add(`INSERT INTO a (x) VALUES ($1) RETURNING x`, [index]);
      batch.add(`INSERT INTO b (x) SELECT x FROM ${first}`);
      combined.absorb(batch, `g${index}_`);
    }
    const { sql, parameters } = combined.toQuery();
    expect(sql).toContain('batched_11 AS (INSERT INTO a (x) VALUES ($6) RETURNING x)');
    expect(sql).toContain('batched_12 AS (INSERT INTO b (x) SELECT x FROM batched_11)');
    expect(sql).toContain('batched_24 AS (INSERT INTO b (x) SELECT x FROM batched_23)');
    expect(parameters).toEqual(Array.from({ length: 12 }, (_unused, index) => index));
  });
});
