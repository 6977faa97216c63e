import type { IncomingMessage } from 'node:http';
import { ProblemException } from '@ajar/http';
import { readBisDeniedPersons } from '../../domain/bis-denied-persons';
import { csvRows, followTheMoneyRows } from '../../domain/ftm-and-csv-rows';
import type { NumberedRow } from '../../domain/list-entry-parsing';
import { readUsConsolidatedScreeningList } from '../../domain/us-consolidated-screening-list';
import { ofacUploadRows } from './ofac-upload';

/** The list formats an upload may be in, as the `format` query parameter names them. */
export const LIST_FORMATS = ['ftm', 'csv', 'ofac', 'bis-dpl', 'us-csl'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines'];
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];

/** The media types each format is accepted in; the first one of a type decides when `format` is not given. */
const FORMAT_TYPES: ReadonlyMap<ListFormat, readonly string[]> = new Map<ListFormat, readonly string[]>([
  ['ftm', JSON_LINES_TYPES],
  ['csv', ['text/csv']],
  ['ofac', ['multipart/form-data', ...ZIP_TYPES, 'application/octet-stream']],
  ['bis-dpl', ['text/tab-separated-values', 'text/plain', 'application/octet-stream']],
  ['us-csl', ['text/csv']],
]);

/** Every media type an upload may have. */
export const LIST_UPLOAD_TYPES = [...new Set([...FORMAT_TYPES.values()].flat())];

/** The format a media type means when no `format` is given (text/csv is Ajar's CSV, octet-stream nothing). */
const DEFAULT_FORMAT = new Map<string, ListFormat>([
  ...JSON_LINES_TYPES.map((type) => [type, 'ftm'] as const),
  ['text/csv', 'csv'],
  ['multipart/form-data', 'ofac'],
  ...ZIP_TYPES.map((type) => [type, 'ofac'] as const),
  ['text/tab-separated-values', 'bis-dpl'],
]);

function unsupportedType(types: readonly string[], format?: ListFormat): ProblemException {
  const reason = `must be one of ${types.join(', ')}${format === undefined ? '' : ` for format=${format}`}`;
  return new ProblemException(415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', `Content-Type ${reason}.`, [{ field: 'Content-Type', reason }]);
}

/**
 * The format of an upload from its media type and the `format` query parameter: a wrong format is
 * a 400 naming `format`, a media type the format does not come in a 415 naming `Content-Type`.
 */
export function uploadFormat(contentType: string | undefined, format: string | undefined): { format: ListFormat; type: string } {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (format !== undefined) {
    const chosen = LIST_FORMATS.find((known) => known === format);
    if (chosen === undefined) {
      throw new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', `format must be one of ${LIST_FORMATS.join(', ')}.`, [
        { field: 'format', reason: `must be one of ${LIST_FORMATS.join(', ')}` },
      ]);
    }
    const types = FORMAT_TYPES.get(chosen) ?? [];
    if (!types.includes(type)) throw unsupportedType(types, chosen);
    return { format: chosen, type };
  }
  const implied = DEFAULT_FORMAT.get(type);
  if (implied === undefined) throw unsupportedType([...DEFAULT_FORMAT.keys()]);
  return { format: implied, type };
}

/** The rows of an upload in the given format, read from the request as it streams in. */
export function uploadRows(request: IncomingMessage, format: ListFormat, type: string): AsyncIterable<NumberedRow> {
  switch (format) {
    case 'ftm':
      return followTheMoneyRows(request);
    case 'csv':
      return csvRows(request);
    case 'ofac':
      return ofacUploadRows(request, type === 'multipart/form-data' ? 'multipart' : 'zip');
    case 'bis-dpl':
      return readBisDeniedPersons(request);
    case 'us-csl':
      return readUsConsolidatedScreeningList(request);
  }
}
