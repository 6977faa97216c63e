import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { headedRecords } from './csv-records';
import { listEntry, type NumberedRow } from './list-entry-parsing';
import { naturalOrder, tidyName } from './listed-names';

/** Columns read from dpl.txt; the others (address, order, citation, …) are list evidence Ajar does not match on. */
const REQUIRED_COLUMNS = ['Name', 'Country'] as const;
const DATE_COLUMNS = ['Effective_Date', 'Last_Update'] as const;

/** `10/16/2017` (BIS's Effective_Date) or `2017-10-23` (Last_Update) as an ISO date; undefined otherwise. */
function isoDate(value: string | undefined): string | undefined {
  const text = (value ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const american = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  return american === null ? undefined : `${american[3]}-${american[1].padStart(2, '0')}-${american[2].padStart(2, '0')}`;
}

/**
 * The stable id of a denied person or firm: BIS lists one row per order, so the same name comes back
 * with other addresses and countries; the name (whitespace tidied, upper case) is what they share.
 */
export function bisDeniedPersonId(name: string): string {
  return `bis-dpl-${createHash('sha256').update(tidyName(name).toUpperCase()).digest('hex').slice(0, 16)}`;
}

interface DeniedParty {
  line: number;
  name: string;
  countries: string[];
  lastChange: string | undefined;
}

/**
 * The BIS Denied Persons List (dpl.txt: tab-separated, header row). Every name becomes one entry of
 * schema `legalEntity` (the list holds persons and firms alike) with the union of its rows'
 * countries and the latest of their dates as `lastChange`. Rows are merged by name, so the entries
 * are kept until the file ends: the list has a few hundred names, never a size that matters.
 */
export async function* readBisDeniedPersons(body: Readable): AsyncIterable<NumberedRow> {
  const parties = new Map<string, DeniedParty>();
  const file = { required: REQUIRED_COLUMNS, header: 'the BIS dpl.txt header (Name, Street_Address, City, State, Country, …)', kind: 'tab-separated file' };
  for await (const record of headedRecords(body, { delimiter: '\t', bom: true, skip_empty_lines: true, relax_column_count: true }, file)) {
    const { line } = record;
    if ('problem' in record) {
      yield { line, row: { problem: record.problem } };
      return;
    }
    const name = tidyName(record.value('Name') ?? '');
    if (name === '') {
      yield { line, row: { problem: 'Name is missing' } };
      continue;
    }
    const country = (record.value('Country') ?? '').trim();
    const dates = DATE_COLUMNS.map((column) => isoDate(record.value(column))).filter((date): date is string => date !== undefined);
    const latest = dates.sort().at(-1);
    const id = bisDeniedPersonId(name);
    const known = parties.get(id);
    if (known === undefined) {
      parties.set(id, { line, name, countries: country === '' ? [] : [country], lastChange: latest });
    } else {
      if (country !== '') known.countries.push(country);
      if (latest !== undefined && (known.lastChange === undefined || latest > known.lastChange)) known.lastChange = latest;
    }
  }
  for (const [id, party] of parties) {
    const natural = naturalOrder(party.name);
    yield {
      line: party.line,
      row: listEntry({
        id,
        schema: 'LegalEntity',
        names: natural === undefined ? [party.name] : [party.name, natural],
        aliases: [],
        weakAliases: [],
        countries: party.countries,
        registration: [],
        lei: [],
        ror: [],
        topics: ['export.control', 'debarment'],
        lastChange: party.lastChange,
      }),
    };
  }
}
