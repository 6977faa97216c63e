import { Readable } from 'node:stream';
import { bisDeniedPersonId, readBisDeniedPersons } from './bis-denied-persons';
import { countryCode } from './country-codes';
import type { NumberedRow } from './list-entry-parsing';
import { naturalOrder } from './listed-names';
import { readUsConsolidatedScreeningList } from './us-consolidated-screening-list';

async function rows(source: AsyncIterable<NumberedRow>): Promise<NumberedRow[]> {
  const all: NumberedRow[] = [];
  for await (const row of source) all.push(row);
  return all;
}

// Rows copied from the BIS Denied Persons List snapshot shared/data/real-lists/dpl.txt (public
// domain); the long FR_Citation cells shortened.
const DPL_HEADER = ['Name', 'Street_Address', 'City', 'State', 'Country', 'Postal_Code', 'Effective_Date', 'Expiration_Date', 'Standard_Order', 'Last_Update', 'Action', 'FR_Citation'];
const tsv = (cells: string[]): string => cells.map((cell) => `"${cell}"`).join('\t');
const DPL = [
  tsv(DPL_HEADER),
  tsv(['ELECMAT, INC.', '390 UTAH STREET', 'SAN FRANCISCO', 'CA', 'US', '94103', '01/26/2009', '01/26/2029', 'Y', '2009-02-04', 'FR NOTICE UPDATED', '74 F.R. 5812  2/2/09']),
  tsv(['ISSAM ANWAR', '17-18 MARGARET STREET, 4TH FLOOR', 'LONDON', '', 'GB', '', '06/05/2019', '12/03/2019', 'Y', '2019-06-12', 'FR NOTICE ADDED', '80 F.R. 44930 7/28/15']),
  tsv(['ISSAM ANWAR', 'AL KOLAA', 'BEIRUT', '', 'LB', '151515', '06/05/2019', '12/03/2019', 'Y', '2019-06-12', 'FR NOTICE ADDED', '80 F.R. 44930 7/28/15']),
  tsv(['ISSAM  ANWAR ', 'PHILIPS BUILDING, 4TH FLOOR, AL FARDOUS STREET', 'DAMASCUS', '', 'SY', '', '06/05/2019', '12/03/2019', 'Y', '2019-06-12', 'FR NOTICE ADDED', '80 F.R. 44930 7/28/15']),
  tsv(['JIN, ZHONGDA', '1895 DOBBIN DRIVE, SUITE B', 'SAN JOSE', 'CA', 'US', '95133', '07/31/2001', '07/31/2026', 'Y', '2001-08-01', 'NEW', '66 F.R. 40971 8/6/01']),
  tsv(['', 'NOWHERE', '', '', 'PRC', '', '01/01/2020', '', 'Y', '2020-01-02', 'NEW', '']),
].join('\n');

describe('reading the BIS Denied Persons List', () => {
  it('gives one legal entity per name, the union of its rows\' countries and the latest date, a natural-order alias for "LAST, First"', async () => {
    const all = await rows(readBisDeniedPersons(Readable.from([DPL])));
    const entries = all.flatMap(({ row }) => ('entry' in row ? [row.entry] : []));
    expect(entries).toEqual([
      { entryId: bisDeniedPersonId('ELECMAT, INC.'), schema: 'legalEntity', name: 'ELECMAT, INC.', countries: ['US'], country: 'US', topics: ['export.control', 'debarment'], lastChange: '2009-02-04' },
      {
        entryId: bisDeniedPersonId('ISSAM ANWAR'),
        schema: 'legalEntity',
        name: 'ISSAM ANWAR',
        countries: ['GB', 'LB', 'SY'],
        country: 'GB',
        topics: ['export.control', 'debarment'],
        lastChange: '2019-06-12',
      },
      expect.objectContaining({ name: 'JIN, ZHONGDA', aliases: ['ZHONGDA JIN'], lastChange: '2001-08-01' }),
    ]);
    expect(bisDeniedPersonId('ISSAM  ANWAR ')).toBe(bisDeniedPersonId('issam anwar'));
    expect(bisDeniedPersonId('ISSAM ANWAR')).toMatch(/^bis-dpl-[0-9a-f]{16}$/);
    expect(all.find(({ row }) => 'problem' in row)).toEqual({ line: 7, row: { problem: 'Name is missing' } });
  });

  it('refuses a file without the Name and Country columns on line 1', async () => {
    expect(await rows(readBisDeniedPersons(Readable.from(['id\tname\n1\tX\n'])))).toEqual([
      { line: 1, row: { problem: expect.stringContaining('header lacks column(s) Name, Country') } },
    ]);
  });
});

// Rows copied from the US Consolidated Screening List snapshot shared/data/real-lists/csl.csv.
const CSL_HEADER =
  'source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids';
const CSL = [
  CSL_HEADER,
  `Specially Designated Nationals (SDN) - Treasury Department,10863,Entity,IFSR; NPWMD,7TH OF TIR,,"Mobarakeh Road Km 45, Isfahan, IR; P.O. Box 81465-478, Isfahan, IR",,,,,,,,,,,,,,http://bit.ly/1I7ipyR,7TH OF TIR INDUSTRIAL COMPLEX; SEVENTH OF TIR,"","","","",http://bit.ly/1MLgpye,"Subject to Secondary Sanctions, Additional Sanctions Information -"`,
  `Palestinian Legislative Council List (PLC) - Treasury Department,9640,Individual,NS-PLC,"ABU TEIR, Mohammed",,"",,,,,,,,,,,,,,http://bit.ly/1QWTIfE,"ABU TAIR, Mohammed Mahmud","",1951,"",Umm Tuba,http://bit.ly/2tjOLpx,""`,
  `Specially Designated Nationals (SDN) - Treasury Department,27304,Vessel,SDGT,ADRIAN DARYA 1,,"",,,,,,,,Crude Oil Tanker,,,Iran,,,http://bit.ly/1I7ipyR,GRACE 1,"","","","",http://bit.ly/1MLgpye,"IMO 9116412, Vessel Registration Identification; Panama, Former Vessel Flag"`,
  `Entity List (EL) - Bureau of Industry and Security,,,,54th Research Institute of China,,CN,"66 FR 24266",2001-05-14,,,For all items subject to the EAR.,See §744.3(d) of this part,,,,,,,,http://bit.ly/1L47xrV,China Electronics Technology Group Corp. (CETC) 54th Research Institute,,,,,http://bit.ly/1L47xrV,`,
].join('\n');

describe('reading the US Consolidated Screening List', () => {
  it('maps entities, individuals (both name orders) and the Entity List\'s untyped rows; skips vessels', async () => {
    const all = await rows(readUsConsolidatedScreeningList(Readable.from([CSL])));
    const entries = all.flatMap(({ row }) => ('entry' in row ? [row.entry] : []));
    expect(entries).toEqual([
      expect.objectContaining({
        schema: 'organisation',
        name: '7TH OF TIR',
        aliases: ['7TH OF TIR INDUSTRIAL COMPLEX', 'SEVENTH OF TIR'],
        countries: ['IR'],
        topics: ['sanction', 'us-csl.source.SDN', 'ofac.program.IFSR', 'ofac.program.NPWMD'],
      }),
      expect.objectContaining({ schema: 'person', name: 'ABU TEIR, Mohammed', aliases: ['Mohammed ABU TEIR', 'ABU TAIR, Mohammed Mahmud', 'Mohammed Mahmud ABU TAIR'] }),
      expect.objectContaining({ schema: 'legalEntity', name: '54th Research Institute of China', countries: ['CN'], topics: ['export.control', 'us-csl.source.EL'] }),
    ]);
    expect(entries[1]).not.toHaveProperty('countries');
    expect(all.find(({ line }) => line === 4)?.row).toEqual({ skip: true, kind: 'vessel' });
  });
});

describe('listed names and countries', () => {
  it('turns "LAST, First" around, but not companies or suffixes', () => {
    expect(naturalOrder('CRUZ, Juan M. de la')).toBe('Juan M. de la CRUZ');
    expect(naturalOrder('DELOS REYES, Feliciano Semborio, Jr.')).toBe('Feliciano Semborio DELOS REYES Jr.');
    expect(naturalOrder('ELECMAT, INC.')).toBeUndefined();
    expect(naturalOrder('JOEL PRADO, JR.')).toBeUndefined();
    expect(naturalOrder('ABU ZUBAYDAH')).toBeUndefined();
  });

  it('maps OFAC country names, codes and nothing for regions it cannot place', () => {
    expect(['Korea, North', 'Burma', 'Congo, Democratic Republic of the', 'Region: Crimea', 'Russia', 'us', 'PRC', 'undetermined', 'Region: Kafia Kingi', 'constructor', '__proto__'].map(countryCode)).toEqual([
      'KP', 'MM', 'CD', 'UA', 'RU', 'US', 'CN', undefined, undefined, undefined, undefined,
    ]);
  });
});
