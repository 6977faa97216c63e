import type { DataSource } from 'typeorm';
import type { EventStore } from '@ajar/event-store';
import type { Outbox } from '@ajar/outbox';
import type { NumberedRow } from '../../../domain/list-entry-parsing';
import { PublishListVersionCommand } from './publish-list-version.command';
import { PublishListVersionHandler } from './publish-list-version.handler';

// The index's own analysis is not what is tested here: a name it cannot analyse is simulated.
jest.mock('@ajar/matching', () => ({
  indexingProblem: (entry: { name: string }) => (entry.name === 'Unindexable' ? 'name "Unindexable" cannot be indexed: simulated' : undefined),
}));

describe('publishing a list version', () => {
  it('refuses an entry the index could not analyse like a bad row, with its file and line, and writes nothing', async () => {
    const queries: string[] = [];
    const runner = {
      connect: jest.fn(),
      startTransaction: jest.fn(),
      commitTransaction: jest.fn(),
      rollbackTransaction: jest.fn(),
      release: jest.fn(),
      query: jest.fn(async (sql: string) => {
        queries.push(sql);
        return sql.includes('FOR UPDATE') ? [{ id: 'l1', kind: 'sanctions', topic_severity: {}, current_version: 0, stream_version: 0 }] : [];
      }),
    };
    const dataSource = { createQueryRunner: () => runner } as unknown as DataSource; // a stub of the two methods the handler calls
    const handler = new PublishListVersionHandler(dataSource, {} as EventStore, {} as Outbox);
    async function* rows(): AsyncIterable<NumberedRow> {
      yield { file: 'sdn.csv', line: 1, row: { entry: { entryId: 'a', schema: 'organisation', name: 'Fine Holding' } } };
      yield { file: 'sdn.csv', line: 2, row: { entry: { entryId: 'b', schema: 'organisation', name: 'Unindexable' } } };
      yield { file: 'sdn.csv', line: 3, row: { skip: true, kind: 'vessel' } };
    }
    const actor = { type: 'api_key', id: 'k1' } as unknown as PublishListVersionCommand['actor']; // not read before the refusal
    await expect(handler.execute(new PublishListVersionCommand('t1', 'l1', rows(), false, actor))).rejects.toMatchObject({
      code: 'LIST.BAD_ROWS',
      details: { errors: [{ field: 'sdn.csv line 2', reason: 'name "Unindexable" cannot be indexed: simulated' }], badRows: 1 },
    });
    expect(runner.rollbackTransaction).toHaveBeenCalled();
    expect(queries.some((sql) => sql.includes('INSERT'))).toBe(false);
  });
});
