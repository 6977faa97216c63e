import { parse, type Options, type Parser } from 'csv-parse';
import type { Readable } from 'node:stream';

/**
 * A CSV parser fed by `body`. `pipe` does not pass on the source's errors: an upload cut off
 * mid-way (or a file that cannot be read) would leave the parser waiting for ever, and the
 * publishing transaction holding its lock. The source's error ends the parser with it.
 */
export function csvRecords(body: Readable, options: Options): Parser {
  const parser = parse(options);
  body.once('error', (error) => parser.destroy(error));
  return body.pipe(parser);
}

/** A record of a file whose first row names its columns: its line and its cells by column name. */
export interface HeadedRecord {
  readonly line: number;
  value(column: string): string | undefined;
}

/** Why such a file cannot be read on: a header without the required columns, or cells that do not parse. */
export interface UnreadableFile {
  readonly line: number;
  readonly problem: string;
}

/**
 * The records of a delimited file with a header row (the BIS and CSL files). The first problem —
 * required columns missing, or text the parser refuses — is the last thing yielded.
 */
export async function* headedRecords(
  body: Readable,
  options: Options,
  file: { readonly required: readonly string[]; readonly header: string; readonly kind: string },
): AsyncIterable<HeadedRecord | UnreadableFile> {
  let header: Map<string, number> | undefined;
  let line = 0;
  try {
    for await (const { record, info } of csvRecords(body, { ...options, info: true }) as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      line = info.lines;
      if (header === undefined) {
        const columns = new Map(record.map((column, index) => [column.trim(), index]));
        const missing = file.required.filter((column) => !columns.has(column));
        if (missing.length > 0) {
          yield { line, problem: `header lacks column(s) ${missing.join(', ')}; expected ${file.header}` };
          return;
        }
        header = columns;
        continue;
      }
      const columns = header;
      yield {
        line,
        value: (column: string) => {
          const index = columns.get(column);
          return index === undefined ? undefined : record[index];
        },
      };
    }
  } catch (error) {
    yield { line: (error as { lines?: number }).lines ?? line, problem: `${file.kind} cannot be read: ${(error as Error).message}` };
  }
}
