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
