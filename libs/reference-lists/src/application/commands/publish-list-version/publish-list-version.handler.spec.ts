import type { NumberedRow } from '../../../domain/list-entry-parsing';
import type { ListVersionDraft, ReferenceListRepository } from '../../../infrastructure/reference-list.repository';
import { PublishListVersionCommand } from './publish-list-version.command';
import { PublishListVersionHandler } from './publish-list-version.handler';

// The index's own analysis is not what is tested here: a name it cannot analyse is simulated.
jest.mock('@ajar/matching', () => ({
  indexingProblem: (entry: { name: string }) => (entry.name === 'Unindexable' ? 'name "Unindexable" cannot be indexed: simulated' : undefined),
}));

describe('publishing a list version', () => {
  it('refuses an entry the index could not analyse like a bad row, with its file and line, and writes nothing', async () => {
    // A draft that records what would be written; the repository runs the build as its transaction would.
    const draft = {
      version: 1,
      list: { id: 'l1', kind: 'sanctions', topicSeverity: {}, currentVersion: 0, streamVersion: 0 },
      addEntries: jest.fn(),
      entryCountOf: jest.fn(),
      diffAgainst: jest.fn(),
      record: jest.fn(),
      queueMonitoring: jest.fn(),
    };
    let committed = false;
    const lists: Pick<ReferenceListRepository, 'publish'> = {
      publish: async (_tenantId, _listId, build) => {
        const result = await build(draft as unknown as ListVersionDraft); // a stub of the draft's public methods
        committed = true;
        return result;
      },
    };
    const handler = new PublishListVersionHandler(lists as ReferenceListRepository);
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
    expect(committed).toBe(false);
    expect(draft.addEntries).not.toHaveBeenCalled();
    expect(draft.record).not.toHaveBeenCalled();
  });
});
