import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TestSystem } from '../../support/test-system';
import { zipArchive } from './zip-archive';

// The real OFAC, BIS and US CSL snapshots (public domain) beside the repository: shared/data/real-lists.
const REAL_LISTS = path.join(__dirname, '../../../../shared/data/real-lists');
const real = (file: string): Buffer => readFileSync(path.join(REAL_LISTS, file));

const SDN_FILES = ['sdn.csv', 'alt.csv', 'add.csv', 'sdn_comments.csv'];
const CONS_FILES = ['cons_prim.csv', 'cons_alt.csv', 'cons_add.csv', 'cons_comments.csv'];
/** Counted in the snapshots: sdn.csv has 7,379 records, 323 vessels and 217 aircraft among them. */
const SDN_ENTRIES = 7379 - 323 - 217;
const CONS_ENTRIES = 442;
/** dpl.txt has 546 rows of 415 distinct names (whitespace tidied). */
const DPL_ENTRIES = 415;

describe('reference lists: the real OFAC, BIS and US CSL formats', () => {
  let system: TestSystem;
  let admin: string;

  beforeAll(async () => {
    system = await TestSystem.start({ worker: false });
    ({ adminKey: admin } = await system.createTenant('funder', 'Research Council'));
    for (const [listId, kind] of [
      ['ofac-sdn', 'sanctions'],
      ['ofac-cons', 'sanctions'],
      ['bis-dpl', 'export_control'],
      ['us-csl', 'export_control'],
    ]) {
      await system.http().put(`/v1/reference-lists/${listId}`).set('Authorization', `Bearer ${admin}`).send({ kind }).expect(200);
    }
  });
  afterAll(() => system.stop());

  const post = (listId: string, query = '') => system.http().post(`/v1/reference-lists/${listId}/versions${query}`).set('Authorization', `Bearer ${admin}`);
  const entry = async (listId: string, entryId: string): Promise<Record<string, unknown>> => {
    const [found] = await system.query<{ entry: Record<string, unknown> }>(
      `SELECT entry FROM reference_list_entries WHERE list_id = $1 AND entry_id = $2 ORDER BY version DESC LIMIT 1`,
      [listId, entryId],
    );
    return found.entry;
  };

  it('takes the SDN set as one multipart upload, parts named by file name', async () => {
    let upload = post('ofac-sdn');
    for (const file of SDN_FILES) upload = upload.attach(file, real(file), file);
    const published = await upload.expect(201);
    expect(published.body).toMatchObject({ version: 1, entryCount: SDN_ENTRIES, skipped: { vessel: 323, aircraft: 217 } });

    expect(await entry('ofac-sdn', 'ofac-sdn-306')).toEqual({
      entryId: 'ofac-sdn-306',
      schema: 'organisation',
      name: 'BANCO NACIONAL DE CUBA',
      aliases: ['NATIONAL BANK OF CUBA'],
      weakAliases: ['BNC'],
      countries: ['CH', 'ES', 'JP', 'PA'],
      country: 'CH',
      topics: ['sanction', 'ofac.program.CUBA'],
    });
    // A person: listed and natural order, aliases from alt.csv, weak a.k.a. from the remarks;
    // "nationality Jordan" in the remarks is not a country, Jordan in add.csv is.
    expect(await entry('ofac-sdn', 'ofac-sdn-6950')).toMatchObject({
      schema: 'person',
      name: 'UTHMAN, Omar Mahmoud',
      aliases: expect.arrayContaining(['Omar Mahmoud UTHMAN', 'AL-FILISTINI, Abu Qatada', 'Abu Qatada AL-FILISTINI']),
      weakAliases: ['ABU ISMAIL'],
      countries: ['GB', 'JO'],
    });
    expect(await entry('ofac-sdn', 'ofac-sdn-4359')).toMatchObject({
      name: 'CRIADERO DE POLLOS EL ROSAL S.A.',
      formerNames: ['INDUSTRIA AVICOLA PALMASECA S.A.'],
      countries: ['CO'],
      identifiers: { registration: '800146749-7' },
    });
    expect(await system.query(`SELECT 1 FROM reference_list_entries WHERE list_id = 'ofac-sdn' AND entry_id = 'ofac-sdn-4234'`)).toEqual([]);
  });

  it('takes the consolidated set as one zip (sub-folder, upper-case names), the comments continuing the remarks', async () => {
    const zip = zipArchive(new Map(CONS_FILES.map((file) => [`ofac/${file.toUpperCase()}`, real(file)])));
    const published = await post('ofac-cons').set('Content-Type', 'application/zip').send(zip).expect(201);
    expect(published.body).toMatchObject({ version: 1, entryCount: CONS_ENTRIES });
    expect(await entry('ofac-cons', 'ofac-cons-17014')).toMatchObject({
      name: 'JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK',
      aliases: expect.arrayContaining(['ROSSELKHOZBANK']),
      weakAliases: ['RUSAG'],
      countries: ['RU'],
    });
  });

  it('takes the SDN set as a zip too, and a new version of the same files changes nothing', async () => {
    const zip = zipArchive(new Map(SDN_FILES.map((file) => [file, real(file)])));
    const published = await post('ofac-sdn', '?format=ofac').set('Content-Type', 'application/zip').send(zip).expect(201);
    expect(published.body).toMatchObject({ version: 2, entryCount: SDN_ENTRIES, diff: { added: 0, removed: 0, changed: 0 } });
  });

  it('takes the BIS Denied Persons List, one legal entity per name with the union of its countries', async () => {
    const published = await post('bis-dpl').set('Content-Type', 'text/tab-separated-values').send(real('dpl.txt')).expect(201);
    expect(published.body).toMatchObject({ version: 1, entryCount: DPL_ENTRIES });
    const [anwar] = await system.query<{ entry_id: string; entry: Record<string, unknown> }>(
      `SELECT entry_id, entry FROM reference_list_entries WHERE list_id = 'bis-dpl' AND entry->>'name' = 'ISSAM ANWAR'`,
    );
    expect(anwar.entry_id).toMatch(/^bis-dpl-[0-9a-f]{16}$/);
    expect(anwar.entry).toMatchObject({ schema: 'legalEntity', countries: ['GB', 'LB', 'TR', 'SY'], topics: ['export.control', 'debarment'], lastChange: '2019-06-12' });
    const [jin] = await system.query<{ entry: Record<string, unknown> }>(`SELECT entry FROM reference_list_entries WHERE list_id = 'bis-dpl' AND entry->>'name' = 'JIN, ZHONGDA'`);
    expect(jin.entry).toMatchObject({ aliases: ['ZHONGDA JIN'], countries: ['US'] });
  });

  it('takes the US Consolidated Screening List with format=us-csl', async () => {
    const published = await post('us-csl', '?format=us-csl').set('Content-Type', 'text/csv').send(real('csl.csv')).expect(201);
    expect(published.body.entryCount).toBeGreaterThan(100);
    expect(published.body.skipped).toEqual({ vessel: 2 });
  });

  it('refuses a broken OFAC file with file names and line numbers, and stores nothing', async () => {
    const firstLines = real('sdn.csv').toString('utf8').split('\n').slice(0, 3).join('\n');
    const broken = Buffer.from(`${firstLines}\n99,"SHORT",-0- \n`);
    const refused = await post('ofac-sdn')
      .attach('sdn.csv', broken, 'sdn.csv')
      .attach('alt.csv', Buffer.from('36,12,"aka","AERO-CARIBBEAN",-0- \n36,13,"xyz","WRONG",-0- \n'), 'alt.csv')
      .expect(422);
    expect(refused.body.code).toBe('LIST.BAD_ROWS');
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'alt.csv line 2', reason: 'alt_type "xyz" is not aka, fka or nka' },
        { field: 'sdn.csv line 4', reason: "3 fields where OFAC's legacy format has 12" },
      ]),
    );
    expect(await system.query(`SELECT 1 FROM reference_list_entries WHERE list_id = 'ofac-sdn' AND version = 3`)).toEqual([]);
  });

  it('names the field of a wrong format, media type or missing OFAC file', async () => {
    const badFormat = await post('bis-dpl', '?format=pdf').set('Content-Type', 'text/csv').send('x').expect(400);
    expect(badFormat.body.errors).toEqual([{ field: 'format', reason: expect.stringContaining('ftm, csv, ofac, bis-dpl, us-csl') }]);
    const badType = await post('bis-dpl', '?format=bis-dpl').set('Content-Type', 'text/csv').send('x').expect(415);
    expect(badType.body.errors[0].field).toBe('Content-Type');
    const noPrimary = await post('ofac-sdn').attach('alt.csv', real('alt.csv'), 'alt.csv').expect(400);
    expect(noPrimary.body.errors).toEqual([{ field: 'sdn.csv', reason: expect.stringContaining('required') }]);
    const stranger = await post('ofac-sdn').attach('notes.txt', Buffer.from('hello'), 'notes.txt').expect(400);
    expect(stranger.body.errors[0].field).toBe('notes.txt');
    const notZip = await post('ofac-sdn').set('Content-Type', 'application/zip').send(Buffer.from('not a zip')).expect(400);
    expect(notZip.body.errors[0].field).toBe('body');
  });
});
