import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { CSV_COLUMNS, parseCsvRecord, parseFollowTheMoneyLine } from '../../domain/list-entry-parsing';
import type { NumberedRow } from '../../application/commands/publish-list-version/publish-list-version.command';

/** FollowTheMoney JSON lines, read line by line as they arrive. */
export async function* followTheMoneyRows(body: Readable): AsyncIterable<NumberedRow> {
  let line = 0;
  for await (const text of createInterface({ input: body, crlfDelay: Infinity })) {
    line += 1;
    yield { line, row: parseFollowTheMoneyLine(text) };
  }
}

/** CSV with a header row of the documented columns (see CSV_COLUMNS), read record by record. */
export async function* csvRows(body: Readable): AsyncIterable<NumberedRow> {
  const parser = body.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const unknown = Object.keys(record).filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
      yield unknown.length > 0
        ? { line: info.lines, row: { problem: `unknown column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(',')}` } }
        : { line: info.lines, row: parseCsvRecord(record) };
    }
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    yield { line: lines, row: { problem: `CSV cannot be read: ${(error as Error).message}` } };
  }
}
