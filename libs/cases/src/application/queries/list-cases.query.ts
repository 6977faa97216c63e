import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@ajar/kernel';
import { CaseRow, CaseSummaryView, toSummaryView } from './case.view';

export interface CaseFilters {
  state?: string;
  level?: string;
  callId?: string;
  externalRef?: string;
}

export interface CasePage {
  items: CaseSummaryView[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export class ListCasesQuery extends Query<CasePage> {
  constructor(
    readonly tenantId: string,
    readonly filters: CaseFilters,
    readonly limit: number,
    readonly cursor: string | undefined,
  ) {
    super();
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && UUID.test(id)) {
      return { createdAt, id };
    }
  } catch {
    // fall through to the refusal below
  }
  throw new DomainError('REQUEST.INVALID_CURSOR', 'cursor: not a cursor returned by this API', 'invalid', {
    errors: [{ field: 'cursor', reason: 'not a cursor returned by this API' }],
  });
}

/** Newest first, keyset-paginated on (created_at, id), always within the caller's tenant. */
@QueryHandler(ListCasesQuery)
export class ListCasesHandler implements IQueryHandler<ListCasesQuery, CasePage> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(query: ListCasesQuery): Promise<CasePage> {
    const where = ['tenant_id = $1'];
    const parameters: unknown[] = [query.tenantId];
    const add = (clause: string, value: unknown): void => {
      parameters.push(value);
      where.push(clause.replace('?', `$${parameters.length}`));
    };
    if (query.filters.state) add('state = ?', query.filters.state);
    if (query.filters.level) add('level = ?', query.filters.level);
    if (query.filters.callId) add('call_id = ?', query.filters.callId);
    if (query.filters.externalRef) add('external_ref = ?', query.filters.externalRef);
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      parameters.push(createdAt, id);
      where.push(`(created_at, id) < ($${parameters.length - 1}::timestamptz, $${parameters.length}::uuid)`);
    }
    parameters.push(query.limit + 1);
    const rows: CaseRow[] = await this.dataSource.query(
      `SELECT id, state, case_version, version, kind, call_id, external_ref, title, level, pending_disclosures,
              created_at, updated_at
         FROM cases WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC LIMIT $${parameters.length}`,
      parameters,
    );
    const page = rows.slice(0, query.limit);
    return {
      items: page.map(toSummaryView),
      nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1]) : null,
    };
  }
}
