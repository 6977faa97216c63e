import { WriteBatch } from './write-batch';

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

  it('runs once and gives back the output row; an empty batch runs nothing', async () => {
    const calls: [string, unknown[] | undefined][] = [];
    const target = {
      query: (sql: string, parameters?: unknown[]): Promise<unknown> => {
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
    expect(statement).toBe(text);
    expect(parameters).toEqual(['x1']);
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
