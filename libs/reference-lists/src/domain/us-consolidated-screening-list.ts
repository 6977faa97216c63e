import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { headedRecords } from './csv-records';
import { type ListEntryParts, listEntry, type NumberedRow } from './list-entry-parsing';
import { naturalOrder, tidyName } from './listed-names';
import { ofacPrograms, REGISTRATION_LABELS } from './ofac-publication';

const REQUIRED_COLUMNS = ['source', 'entity_number', 'type', 'programs', 'name', 'addresses', 'alt_names', 'ids'] as const;

/** What each source list (by its abbreviation in `source`) is about; a source not known here gets its source topic only. */
const SOURCE_TOPICS = new Map<string, readonly string[]>([
  ['SDN', ['sanction']],
  ['SSI', ['sanction']],
  ['PLC', ['sanction']],
  ['CAP', ['sanction']],
  ['FSE', ['sanction']],
  ['MBS', ['sanction']],
  ['CMIC', ['sanction']],
  ['ISN', ['sanction']],
  ['EL', ['export.control']],
  ['UVL', ['export.control']],
  ['MEU', ['export.control']],
  ['DPL', ['export.control', 'debarment']],
  ['DTC', ['export.control', 'debarment']],
]);
const REGISTRATION_TYPES = new Set(REGISTRATION_LABELS);

interface CslEntry {
  line: number;
  parts: ListEntryParts;
}

/** The abbreviation of a source: `Entity List (EL) - Bureau of Industry and Security` gives `EL`. */
function sourceAbbreviation(source: string): string {
  return /\(([A-Za-z0-9-]+)\)/.exec(source)?.[1].toUpperCase() ?? source.trim().toUpperCase();
}

function split(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * The US Consolidated Screening List (csl.csv as trade.gov publishes it: header row, `alt_names`
 * separated by `;`). Individuals are persons, entities organisations, rows of no type (Entity
 * List, DPL, …) legal entities; vessels and aircraft are skipped. Countries come from the
 * addresses' country codes, never from citizenships or nationalities. Rows of the same source and
 * entity number (or, without one, name) are merged: the entries are kept until the file ends.
 */
export async function* readUsConsolidatedScreeningList(body: Readable): AsyncIterable<NumberedRow> {
  const entries = new Map<string, CslEntry>();
  const file = { required: REQUIRED_COLUMNS, header: 'the csl.csv header (source, entity_number, type, programs, name, …)', kind: 'CSV' };
  for await (const record of headedRecords(body, { bom: true, skip_empty_lines: true, relax_column_count: true }, file)) {
    const { line } = record;
    if ('problem' in record) {
      yield { line, row: { problem: record.problem } };
      return;
    }
    const value = (column: string): string => (record.value(column) ?? '').trim();
    const type = value('type').toLowerCase();
    if (type === 'vessel' || type === 'aircraft') {
      yield { line, row: { skip: true, kind: type } };
      continue;
    }
    if (type !== '' && type !== 'individual' && type !== 'entity') {
      yield { line, row: { problem: `type "${type.slice(0, 40)}" is not Individual, Entity, Vessel, Aircraft or empty` } };
      continue;
    }
    const name = tidyName(value('name'));
    if (name === '') {
      yield { line, row: { problem: 'name is missing' } };
      continue;
    }
    const person = type === 'individual';
    const source = sourceAbbreviation(value('source'));
    const key = `${source}\u0000${value('entity_number') || name.toUpperCase()}`;
    const id = `us-csl-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
    const withNaturalOrder = (listed: string): string[] => {
      const natural = person ? naturalOrder(listed) : undefined;
      return natural === undefined ? [listed] : [listed, natural];
    };
    const countries = split(value('addresses')).map((address) => address.split(',').at(-1)?.trim() ?? '');
    const registration: string[] = [];
    const lei: string[] = [];
    if (!person) {
      for (const id of split(value('ids'))) {
        const fields = id.split(',').map((field) => field.trim());
        const kind = fields.at(-1) ?? '';
        if (fields.length < 2) continue;
        if (kind === 'Legal Entity Number') lei.push(fields[fields.length - 2]);
        if (!REGISTRATION_TYPES.has(kind)) continue;
        registration.push(fields[fields.length - 2]);
        if (fields.length >= 3) countries.push(fields[0]);
      }
    }
    const treasury = /treasury/i.test(value('source'));
    const known = entries.get(id);
    const aliases = split(value('alt_names')).flatMap((alias) => withNaturalOrder(alias));
    if (known !== undefined) {
      known.parts.aliases.push(...aliases);
      known.parts.countries.push(...countries);
      known.parts.registration.push(...registration);
      known.parts.lei.push(...lei);
      continue;
    }
    entries.set(id, {
      line,
      parts: {
        id,
        schema: person ? 'Person' : type === 'entity' ? 'Organization' : 'LegalEntity',
        names: withNaturalOrder(name),
        aliases,
        weakAliases: [],
        countries,
        registration,
        lei,
        ror: [],
        topics: [
          ...(SOURCE_TOPICS.get(source) ?? []),
          `us-csl.source.${source}`,
          ...(treasury ? ofacPrograms(value('programs').replace(/;\s*/g, '] [')).map((code) => `ofac.program.${code}`) : []),
        ],
      },
    });
  }
  for (const { line: first, parts } of entries.values()) yield { line: first, row: listEntry(parts) };
}
