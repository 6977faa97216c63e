import { PassThrough } from 'node:stream';
import { readBisDeniedPersons } from './bis-denied-persons';
import { csvRows, followTheMoneyRows } from './ftm-and-csv-rows';
import type { NumberedRow } from './list-entry-parsing';
import { readOfacPublication } from './ofac-publication';
import { readUsConsolidatedScreeningList } from './us-consolidated-screening-list';

async function rowsOf(rows: AsyncIterable<NumberedRow>): Promise<NumberedRow[]> {
  const all: NumberedRow[] = [];
  for await (const row of rows) all.push(row);
  return all;
}

/** An upload that sends a first line, then breaks (a client that goes away). */
function brokenUpload(firstLine: string): PassThrough {
  const body = new PassThrough();
  body.write(firstLine);
  setImmediate(() => body.destroy(new Error('aborted')));
  return body;
}

describe('list readers whose source breaks mid-way', () => {
  it.each([
    ['CSV', () => csvRows(brokenUpload('id,schema,name\n'))],
    ['BIS Denied Persons', () => readBisDeniedPersons(brokenUpload('Name\tCountry\n'))],
    ['US CSL', () => readUsConsolidatedScreeningList(brokenUpload('source,entity_number,type,programs,name\n'))],
    ['OFAC', () => readOfacPublication({ set: 'sdn', primary: brokenUpload('36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"') })],
  ])('%s ends with the error instead of waiting for ever', async (_format, read) => {
    await expect(rowsOf(read()).then((rows) => rows.some((item) => 'problem' in item.row))).resolves.toBe(true);
  });

  it('FollowTheMoney JSON lines end with the error instead of waiting for ever', async () => {
    await expect(rowsOf(followTheMoneyRows(brokenUpload('{"id":"e1","schema":"Company","properties":{"name":["Volkov"]}}\n')))).rejects.toThrow('aborted');
  });
});
