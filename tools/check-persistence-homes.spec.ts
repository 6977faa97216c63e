// The checker is plain JavaScript so that `npm run lint` runs it without a build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { problemsOf } = require('./check-persistence-homes.js') as { problemsOf: (file: string, text: string) => string[] };

describe('persistence homes check', () => {
  const select = 'export const read = (db: { query(sql: string): unknown }) => db.query(`SELECT id FROM cases WHERE id = $1`);';

  it('accepts SQL on its own tables in a repository of the context', () => {
    expect(problemsOf('libs/cases/src/infrastructure/persistence/case.repository.ts', select)).toEqual([]);
    expect(problemsOf('libs/cases/src/infrastructure/case-views.query-service.ts', select)).toEqual([]);
  });

  it('refuses SQL in a command handler, a controller or a queue processor', () => {
    for (const file of [
      'libs/cases/src/application/commands/submit-case/submit-case.handler.ts',
      'libs/cases/src/interface/http/cases.controller.ts',
      'libs/cases/src/infrastructure/jobs/appraisal.processor.ts',
    ]) {
      expect(problemsOf(file, select)).toEqual([expect.stringContaining('SQL outside a repository')]);
    }
  });

  it('refuses a query builder call outside a repository, even without a SQL string', () => {
    const text = 'export const f = (m: { createQueryBuilder(): unknown }) => m.createQueryBuilder();';
    expect(problemsOf('libs/policies/src/application/policy-catalogue.ts', text)).toHaveLength(1);
  });

  it("refuses a repository that names another context's table", () => {
    const text = 'export const sql = `SELECT c.id FROM cases c JOIN api_keys k ON k.id = c.reviewer_id`;';
    expect(problemsOf('libs/cases/src/infrastructure/case-views.query-service.ts', text)).toEqual([
      expect.stringContaining('names table api_keys, owned by access'),
    ]);
  });

  it('reads table names inside template expressions and ignores prose', () => {
    const text = 'export const sql = (t: string) => `DELETE FROM idempotency_records WHERE key = ${t}`;\nexport const m = "Select a list from the catalogue";';
    expect(problemsOf('libs/notifications/src/infrastructure/notice.repository.ts', text)).toEqual([
      expect.stringContaining('names table idempotency_records, owned by platform'),
    ]);
    expect(problemsOf('libs/cases/src/domain/messages.ts', 'export const m = "Select a list from the catalogue";')).toEqual([]);
  });
});
