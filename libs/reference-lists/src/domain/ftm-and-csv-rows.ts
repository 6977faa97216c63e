import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { csvRecords } from './csv-records';
import { CSV_COLUMNS, type NumberedRow, parseCsvRecord, parseFollowTheMoneyLine } from './list-entry-parsing';

/** FollowTheMoney JSON lines, read line by line as they arrive. */
export async function* followTheMoneyRows(body: Readable): AsyncIterable<NumberedRow> {
  let line = 0;
  for await (const text of createInterface({ input: body, crlfDelay: Infinity })) {
    line += 1;
    yield { line, row: parseFollowTheMoneyLine(text) };
  }
}

const KNOWN_COLUMNS: ReadonlySet<string> = new Set(CSV_COLUMNS);

/**
 * CSV with a header row of the documented columns (see CSV_COLUMNS), read record by record. Records
 * are read as arrays and keyed through a Map: a header cell is outside text ("__proto__" included).
 */
export async function* csvRows(body: Readable): AsyncIterable<NumberedRow> {
  const parser = csvRecords(body, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, trim: true });
  let header: string[] | undefined;
  let unknown: string[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (header === undefined) {
        header = record;
        unknown = header.filter((column) => !KNOWN_COLUMNS.has(column));
        continue;
      }
      if (unknown.length > 0) {
        yield { line: info.lines, row: { problem: `unknown column(s) ${unknown.join(', ')}; expected ${CSV_COLUMNS.join(',')}` } };
        continue;
      }
      const cells = new Map<string, string>();
      (header ?? []).forEach((column, index) => cells.set(column, record[index] ?? ''));
      yield { line: info.lines, row: parseCsvRecord(cells) };
    }
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    yield { line: lines, row: { problem: `CSV cannot be read: ${(error as Error).message}` } };
  }
}
